using CampTrading.Core.MarketMaker;

namespace CampTrading.Web.MarketMaker;

/// <summary>
/// The maker's state after its last round, for the console: why it is (not) quoting, its holdings and the day's P&amp;L.
/// Its open quotes are read from the read model by the page itself.
/// </summary>
public sealed record MarketMakerStatus(
    MakerState State,
    int? HouseAccountId,
    MakerSettings Settings,
    long Points,
    long Shares,
    MakerPnl PnlToday,
    int WantedQuotes,
    string? LimitReason,
    string? LastRefusal,
    DateTimeOffset? LastRunAt)
{
    public static MarketMakerStatus Initial { get; } = new(MakerState.NotConfigured, null, new MakerSettings(), 0, 0, default, 0, null, null, null);

    /// <summary>The state in both languages.</summary>
    public static string StateText(MakerState state) => state switch
    {
        MakerState.Quoting => "報價中 Quoting",
        MakerState.PausedByStaff => "工作人員已暫停 Paused by staff",
        MakerState.PausedAtLimit => "已達虧損上限，自動暫停 Paused at its loss limit",
        MakerState.MarketClosed => "市場未開盤 Market closed",
        _ => "尚未設定 Not set up",
    };
}
