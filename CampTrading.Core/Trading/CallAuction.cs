namespace CampTrading.Core.Trading;

/// <summary>The single price a call auction uncrosses at, and what trades there.</summary>
/// <param name="Price">The uncrossing price; 0 when nothing can trade.</param>
/// <param name="Volume">Shares that change hands at <paramref name="Price"/>.</param>
/// <param name="BuyVolume">Shares bid at or above the price (market buys included).</param>
/// <param name="SellVolume">Shares offered at or below the price (market sells included).</param>
public readonly record struct AuctionOutcome(long Price, long Volume, long BuyVolume, long SellVolume)
{
    public static AuctionOutcome None => default;

    /// <summary>Shares on the heavier side that do not trade at the price.</summary>
    public long Imbalance => Math.Abs(BuyVolume - SellVolume);

    public bool Trades => Volume > 0;
}

/// <summary>
/// The opening call auction's price rule (SPEC §3): of every price a resting limit order names, the one that executes
/// the most shares; ties go to the least imbalance, then to the price closest to the reference, then to the lower price
/// (so the rule always names one price). Market orders count at every price. With market orders on both sides and no
/// limit that crosses, the auction trades at the reference price. Pure: the engine allocates the fills.
/// </summary>
public static class CallAuction
{
    /// <param name="bids">Buy limit levels (price, total quantity), any order.</param>
    /// <param name="asks">Sell limit levels (price, total quantity), any order.</param>
    /// <param name="marketBuys">Shares of market buy orders (they take any price).</param>
    /// <param name="marketSells">Shares of market sell orders.</param>
    /// <param name="reference">The reference price, for the last tie-break and for market-only auctions.</param>
    public static AuctionOutcome Uncross(
        IReadOnlyList<(long Price, long Quantity)> bids,
        IReadOnlyList<(long Price, long Quantity)> asks,
        long marketBuys, long marketSells, long reference)
    {
        var candidates = bids.Select(b => b.Price).Concat(asks.Select(a => a.Price)).Where(p => p > 0).Distinct().ToList();
        if (candidates.Count == 0 && marketBuys > 0 && marketSells > 0 && reference > 0) candidates.Add(reference);

        var best = AuctionOutcome.None;
        foreach (var price in candidates)
        {
            var buy = marketBuys + bids.Where(b => b.Price >= price).Sum(b => b.Quantity);
            var sell = marketSells + asks.Where(a => a.Price <= price).Sum(a => a.Quantity);
            var outcome = new AuctionOutcome(price, Math.Min(buy, sell), buy, sell);
            if (outcome.Volume > 0 && Better(outcome, best, reference)) best = outcome;
        }
        return best;
    }

    private static bool Better(AuctionOutcome candidate, AuctionOutcome best, long reference)
    {
        if (!best.Trades) return true;
        if (candidate.Volume != best.Volume) return candidate.Volume > best.Volume;
        if (candidate.Imbalance != best.Imbalance) return candidate.Imbalance < best.Imbalance;
        var distance = Math.Abs(candidate.Price - reference);
        var bestDistance = Math.Abs(best.Price - reference);
        if (distance != bestDistance) return distance < bestDistance;
        return candidate.Price < best.Price;
    }
}
