using CampTrading.Core.Accounts;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>
/// The IPO in the opening auction (docs/decisions/0023-ipo-in-the-opening-auction.md). A pool kept for the auction waits
/// in the treasury until a pre-open starts, rests there as one treasury ask at the IPO price (allocated with everyone
/// else when the market opens), and what is left of it is withdrawn at that open, so no standing pool caps the book.
/// </summary>
public sealed partial class ExchangeEngine
{
    /// <summary>Where an instrument's IPO pool stands now.</summary>
    public IpoView IpoOf(int instrumentId)
    {
        var instrument = FindInstrument(instrumentId);
        if (instrument is null) return default;
        var order = PoolInBook(instrument);
        if (instrument.IpoAuctionShares > 0)
            return order is null
                ? new IpoView(IpoPhase.WaitingForAuction, instrument.IpoPrice, instrument.IpoAuctionShares)
                : new IpoView(IpoPhase.InAuction, order.Price, order.Remaining);
        return order is null ? default : new IpoView(IpoPhase.Standing, order.Price, order.Remaining);
    }

    private Order? PoolInBook(Instrument instrument) =>
        instrument.IpoOrderId != 0 && _orders.TryGetValue(instrument.IpoOrderId, out var order) ? order : null;

    /// <summary>A new listing's pool: into the book at once during a pre-open, else it waits for the next one.</summary>
    private void KeepPoolForAuction(Instrument instrument, long shares)
    {
        instrument.IpoAuctionShares = shares;
        if (Session == SessionState.PreOpen) OfferToAuction(instrument);
    }

    /// <summary>At a pre-open's start (after the band re-centred), every waiting pool joins the auction.</summary>
    private void OfferPoolsToAuction()
    {
        foreach (var instrument in _instruments)
            if (instrument.IpoAuctionShares > 0 && instrument.Tradable && PoolInBook(instrument) is null) OfferToAuction(instrument);
    }

    private void OfferToAuction(Instrument instrument)
    {
        // The treasury holds the pool; never offer more than it has (nothing else takes its shares today, but stay safe).
        var shares = Math.Min(instrument.IpoAuctionShares, _accounts[SystemAccounts.Treasury]!.Available(instrument.Id));
        instrument.IpoAuctionShares = shares;
        if (shares <= 0) return;
        // The pool sells at the IPO price; should the band have moved away from it, at the band's nearest edge.
        var price = Math.Clamp(instrument.IpoPrice, instrument.BandLow(Rules.BandPercent), instrument.BandHigh(Rules.BandPercent));
        OfferFromTreasury(instrument, price, shares);
    }

    /// <summary>The instruments whose pool rests in the book for the auction about to run.</summary>
    private List<Instrument> PoolsInAuction() =>
        _instruments.Where(i => i.IpoAuctionShares > 0 && PoolInBook(i) is not null).ToList();

    /// <summary>At the open, after the uncross: what is left of each pool that was in the auction is withdrawn and stays in the treasury.</summary>
    private void WithdrawPoolsAfterAuction(List<Instrument> pools)
    {
        foreach (var instrument in pools)
        {
            if (PoolInBook(instrument) is { } order) CancelResting(order, CancelReason.IpoAuctionEnded);
            instrument.IpoOrderId = 0;
            instrument.IpoAuctionShares = 0;
        }
    }

    /// <summary>A pre-open that ends in a close (not an open) held no auction: its pools leave the book and wait for the next.</summary>
    private void TakePoolsOutOfBook()
    {
        foreach (var instrument in _instruments)
        {
            if (instrument.IpoAuctionShares == 0 || PoolInBook(instrument) is not { } order) continue;
            instrument.IpoAuctionShares = order.Remaining;
            CancelResting(order, CancelReason.MarketClosed);
            instrument.IpoOrderId = 0;
        }
    }

    private CommandResult WithdrawAuctionPool(Instrument instrument)
    {
        if (PoolInBook(instrument) is { } order) CancelResting(order, CancelReason.ByStaff);
        instrument.IpoOrderId = 0;
        instrument.IpoAuctionShares = 0;
        return CommandResult.Ok();
    }
}
