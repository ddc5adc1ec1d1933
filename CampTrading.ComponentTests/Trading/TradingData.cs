using CampTrading.Core.Accounts;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;

namespace CampTrading.ComponentTests.Trading;

/// <summary>Plain snapshots of a small market: CAMP with a reference of 20 and a band of 16–24.</summary>
internal static class TradingData
{
    public const int Camp = 1;

    public static InstrumentView Instrument(BookLevelView[]? bids = null, BookLevelView[]? asks = null, long last = 20, bool tradable = true) =>
        new(Camp, "CAMP", "Camp Corp", last, 20, 16, 24, bids ?? [], asks ?? [new(20, 1_000_000, 1)], tradable);

    public static AccountView Account(long points = 10_000, long reserved = 0, long debt = 0, long realized = 0, params HoldingView[] holdings) =>
        new(7, "Mei", points, reserved, debt, AccountRestrictions.None, holdings, RealizedPnl: realized);

    public static MarketStatusView Status(SessionState session = SessionState.Open, long maxQuantity = 10_000) =>
        MarketStatusView.Initial with { Session = session, Rules = new TradingRules { MaxOrderQuantity = maxQuantity } };

    public static TradeView Trade(long id, long price, long quantity, Side taker, int buyer = 1, int seller = 2) =>
        new(id, id, new DateTimeOffset(2026, 7, 1, 1, 2, (int)(id % 60), TimeSpan.Zero), Camp, price, quantity, taker, buyer, seller, 0, 0);
}
