using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;

namespace CampTrading.Core.MarketMaker;

/// <summary>
/// The house market maker's quoting rules, pure and deterministic: given the book, the reference price, the house's
/// inventory and its settings, which orders to cancel and which to place. The caller submits them as ordinary engine
/// commands, cancels first. The rules (docs/decisions/0021-house-market-maker.md):
/// <list type="bullet">
/// <item>Paused (by staff or at its limit), unconfigured, or the market not open: no quotes; every resting one is cancelled.</item>
/// <item>At a loss of <see cref="MakerSettings.DailyLossLimit"/> since the day's start: cancel everything and pause.</item>
/// <item>Best bid = mark − ⌊spread/2⌋, best ask = best bid + spread; further levels step away by <see cref="MakerSettings.LevelStepTicks"/>.</item>
/// <item>It only adds liquidity: a bid never reaches another account's best ask, an ask never another's best bid, so its
/// quotes never cross each other or take from the book.</item>
/// <item>Levels outside the price band are left out; a bid level is left out (and the levels beyond it) when its fill would
/// take the holding above <see cref="MakerSettings.MaxShares"/> or cost more points than the house has; an ask level when
/// its fill would take the holding below <see cref="MakerSettings.MinShares"/>.</item>
/// <item>A resting order at a wanted price with the full size stays (keeping its time priority); the rest are cancelled
/// and the missing quotes placed.</item>
/// </list>
/// </summary>
public static class MakerQuoter
{
    public static MakerPlan Plan(MakerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = input.Settings;
        if (!s.IsValid) return Withdraw(MakerState.NotConfigured, input);
        if (input.PausedByStaff) return Withdraw(MakerState.PausedByStaff, input);
        if (input.PausedAtLimit) return Withdraw(MakerState.PausedAtLimit, input);
        if (input.PnlToday <= -s.DailyLossLimit) return Withdraw(MakerState.PausedAtLimit, input) with { HitLossLimit = true };
        if (!input.MarketOpen || input.MarkPrice <= 0) return Withdraw(MakerState.MarketClosed, input);

        var desired = Desired(input);
        return Diff(input.Open, desired);
    }

    /// <summary>The quotes the maker wants resting, best first per side (bids, then asks).</summary>
    public static IReadOnlyList<MakerQuote> Desired(MakerInput input)
    {
        var s = input.Settings;
        var spread = s.SpreadAt(input.MarkPrice);
        var bid = input.MarkPrice - spread / 2;
        var ask = bid + spread;

        // Only add liquidity: stay strictly inside the other accounts' book, never at or through it.
        if (OthersBest(input.Asks, input.Open, Side.Sell) is { } otherAsk && bid >= otherAsk) bid = otherAsk - 1;
        if (OthersBest(input.Bids, input.Open, Side.Buy) is { } otherBid && ask <= otherBid) ask = otherBid + 1;

        var low = Math.Max(1, input.BandLow);
        var quotes = new List<MakerQuote>(s.Levels * 2);

        long bought = 0, cost = 0;
        for (var i = 0; i < s.Levels; i++)
        {
            var price = bid - i * s.LevelStepTicks;
            if (price < low) break;
            if (price > input.BandHigh) continue;
            if (input.Shares + bought + s.SizePerLevel > s.MaxShares) break;
            if (cost + price * s.SizePerLevel > input.Points) break;
            bought += s.SizePerLevel;
            cost += price * s.SizePerLevel;
            quotes.Add(new MakerQuote(Side.Buy, price, s.SizePerLevel));
        }

        long sold = 0;
        for (var i = 0; i < s.Levels; i++)
        {
            var price = ask + i * s.LevelStepTicks;
            if (price > input.BandHigh) break;
            if (price < low) continue;
            if (input.Shares - sold - s.SizePerLevel < s.MinShares) break;
            sold += s.SizePerLevel;
            quotes.Add(new MakerQuote(Side.Sell, price, s.SizePerLevel));
        }
        return quotes;
    }

    /// <summary>The best price on one side of the book held by anyone but the house.</summary>
    private static long? OthersBest(IReadOnlyList<BookLevelView> levels, IReadOnlyList<MakerOrder> own, Side side)
    {
        foreach (var level in levels)
        {
            long mine = 0;
            foreach (var order in own)
                if (order.Side == side && order.Price == level.Price) mine += order.Remaining;
            if (level.Quantity > mine) return level.Price;
        }
        return null;
    }

    private static MakerPlan Diff(IReadOnlyList<MakerOrder> open, IReadOnlyList<MakerQuote> desired)
    {
        var matched = new bool[desired.Count];
        var cancel = new List<long>();
        foreach (var order in open.OrderBy(o => o.OrderId))
        {
            var at = -1;
            for (var i = 0; i < desired.Count && at < 0; i++)
                if (!matched[i] && desired[i].Side == order.Side && desired[i].Price == order.Price && desired[i].Quantity == order.Remaining) at = i;
            if (at >= 0) matched[at] = true;
            else cancel.Add(order.OrderId);
        }
        var place = desired.Where((_, i) => !matched[i]).ToList();
        return new MakerPlan(MakerState.Quoting, cancel, place, desired);
    }

    private static MakerPlan Withdraw(MakerState state, MakerInput input) =>
        new(state, input.Open.Select(o => o.OrderId).ToList(), [], []);
}
