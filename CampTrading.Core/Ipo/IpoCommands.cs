namespace CampTrading.Core.Engine;

/// <summary>
/// Replaces an instrument's IPO offer: the treasury's standing ask is cancelled and, when <see cref="Shares"/> is
/// positive, a new one rests at <see cref="Price"/>; shares the treasury lacks for it are issued first, shares it
/// holds beyond it stay in the treasury unoffered. The price must lie inside the band and above the best bid
/// (refused as price_outside_band with the allowed range), so the new offer never crosses the book.
/// Result Id = the new IPO order id (0 when withdrawn), Detail1 = shares issued for it.
/// </summary>
public sealed record SetIpoOffer(int InstrumentId, long Price, long Shares, string Actor) : Command
{
    /// <summary>The largest pool one offer may hold, far from any overflow of price × shares.</summary>
    public const long MaxShares = 1_000_000_000;
}
