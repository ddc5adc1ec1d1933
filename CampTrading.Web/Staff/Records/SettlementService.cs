using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity.Staff;

namespace CampTrading.Web.Staff.Records;

/// <summary>A dry run: the prices each instrument would settle at and the final rankings they give; or why it cannot run.</summary>
public sealed record SettlementPreview(SettlementPriceMode Mode, IReadOnlyDictionary<int, long> Prices, LeaderboardView Rankings);

/// <summary>What a settlement attempt did: the engine's code ("ok" or a stable reject code), shares converted and points paid.</summary>
public sealed record SettlementOutcome(bool Settled, string Code, string Message, long Shares, long Paid);

/// <summary>
/// The end-of-camp flow over the engine's <see cref="Settle"/> command and <see cref="Leaderboard.FinalRankings"/>: preview at a
/// price mode, then settle with exactly those prices after the admin typed the confirmation word. Every attempt is audited.
/// </summary>
public sealed class SettlementService(ExchangeService exchange, Leaderboard leaderboard, AuditLog audit)
{
    /// <summary>What the admin types to confirm (either word).</summary>
    public const string ConfirmWordZh = "結算";
    public const string ConfirmWordEn = "SETTLE";
    public const string ConfirmationMismatch = "confirmation_mismatch";
    public const string PreviewStale = "preview_stale";

    public Task<bool> IsSettledAsync(CancellationToken cancellationToken = default) =>
        exchange.ReadEngineAsync(e => e.IsSettled, cancellationToken);

    /// <summary>The dry run, or the reject code the engine would answer (market_settled, invalid_price, …).</summary>
    public async Task<(SettlementPreview? Preview, RejectCode Refused)> PreviewAsync(SettlementPriceMode mode, IReadOnlyDictionary<int, long>? fixedPrices,
        CancellationToken cancellationToken = default)
    {
        var (settled, refused, prices) = await exchange.ReadEngineAsync(e =>
        {
            var code = e.SettlementPrices(mode, fixedPrices, out var p);
            return (e.IsSettled, code, p);
        }, cancellationToken);
        if (settled) return (null, RejectCode.MarketSettled);
        if (refused != RejectCode.None) return (null, refused);
        var byInstrument = exchange.Market.Instruments.ToDictionary(i => i.Id, i => prices[i.Id]);
        return (new SettlementPreview(mode, byInstrument, leaderboard.FinalRankings(mode, byInstrument)), RejectCode.None);
    }

    /// <summary>Settles at the previewed prices when <paramref name="confirmation"/> is the confirmation word; audited either way.</summary>
    public async Task<SettlementOutcome> SettleAsync(string actor, SettlementPreview preview, string? confirmation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var prices = preview.Mode == SettlementPriceMode.Fixed ? preview.Prices : null;
        SettlementOutcome outcome;
        if (confirmation?.Trim() is not (ConfirmWordZh or ConfirmWordEn))
        {
            outcome = new SettlementOutcome(false, ConfirmationMismatch,
                $"請輸入「{ConfirmWordZh}」或 {ConfirmWordEn} 以確認。Type {ConfirmWordEn} (or {ConfirmWordZh}) to confirm.", 0, 0);
        }
        else if (preview.Mode == SettlementPriceMode.LastPrice && !await SamePricesAsync(preview, cancellationToken))
        {
            // Trades since the dry run moved a last price: the admin confirms numbers they have seen, so ask for a new dry run.
            // (A trade between this check and the command could still slip in; close the market before settling.)
            outcome = new SettlementOutcome(false, PreviewStale,
                "試算後價格已變動，請重新試算。Prices moved since the dry run; run it again.", 0, 0);
        }
        else
        {
            var result = await exchange.SubmitAsync(new Settle(preview.Mode, prices, actor), cancellationToken);
            outcome = result.IsOk
                ? new SettlementOutcome(true, "ok", "已結算。The game is settled.", result.Filled, result.FilledValue)
                : new SettlementOutcome(false, RejectCodes.Code(result.Code),
                    $"{RejectCodes.Message(result, System.Globalization.CultureInfo.GetCultureInfo("zh-TW"))} {RejectCodes.Message(result, System.Globalization.CultureInfo.GetCultureInfo("en"))}", 0, 0);
        }
        await audit.WriteAsync(actor, "settlement.run", null,
            new { mode = preview.Mode.ToString(), prices, result = outcome.Code, shares = outcome.Shares, paid = outcome.Paid }, cancellationToken);
        return outcome;
    }

    private async Task<bool> SamePricesAsync(SettlementPreview preview, CancellationToken cancellationToken)
    {
        var (_, prices) = await exchange.ReadEngineAsync(e => (e.SettlementPrices(SettlementPriceMode.LastPrice, null, out var p), p), cancellationToken);
        return preview.Prices.All(kv => kv.Key < prices.Length && prices[kv.Key] == kv.Value) && preview.Prices.Count == prices.Length - 1;
    }
}
