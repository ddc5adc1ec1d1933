using CampTrading.Core.Accounts;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>Staff changes to an instrument's IPO pool and price after listing.</summary>
public sealed partial class ExchangeEngine
{
    private CommandResult ApplySetIpoOffer(SetIpoOffer c)
    {
        var instrument = FindInstrument(c.InstrumentId);
        if (instrument is null) return CommandResult.Reject(RejectCode.InstrumentUnknown);
        if (instrument.Feed is not null) return CommandResult.Reject(RejectCode.NotPermitted); // it has no book: the feed dealer sells it
        if (c.Price is <= 0 or > ListInstrument.MaxIpoPrice) return CommandResult.Reject(RejectCode.InvalidPrice);
        if (c.Shares is < 0 or > SetIpoOffer.MaxShares) return CommandResult.Reject(RejectCode.InvalidQuantity);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);

        if (c.Shares > 0)
        {
            // A resting ask at or below the best bid would leave the book crossed: the lowest allowed price is one above it.
            var low = Math.Max(instrument.BandLow(Rules.BandPercent), instrument.Book.Bids.BestPrice + 1);
            var high = instrument.BandHigh(Rules.BandPercent);
            if (c.Price < low || c.Price > high) return CommandResult.Reject(RejectCode.PriceOutsideBand, low, high);
        }

        var treasury = _accounts[SystemAccounts.Treasury]!;
        Order? current = null;
        if (instrument.IpoOrderId != 0 && _orders.TryGetValue(instrument.IpoOrderId, out var resting)) current = resting;
        // Checked before anything changes: the shares the treasury would hold once the current offer is withdrawn.
        var held = treasury.Available(instrument.Id) + (current?.Remaining ?? 0);
        if (!CanMint(instrument.Id, Math.Max(0, c.Shares - held))) return SupplyRefusal(instrument.Id);
        if (current is not null) CancelResting(current, CancelReason.ByStaff);
        instrument.IpoOrderId = 0;
        instrument.IpoAuctionShares = 0; // an explicit offer replaces a pool kept for the auction
        if (c.Shares == 0) return CommandResult.Ok();

        var issued = Math.Max(0, c.Shares - treasury.Available(instrument.Id));
        if (issued > 0) Move(_accounts[SystemAccounts.Issuance]!, treasury, instrument.Id, issued, LedgerKind.Issue, instrument.Id);
        var offer = OfferFromTreasury(instrument, c.Price, c.Shares);
        return CommandResult.Ok(offer.Id) with { Detail1 = issued };
    }

    /// <summary>Rests a treasury ask as the instrument's IPO order, announced like any accepted order so the read model shows it.</summary>
    private Order OfferFromTreasury(Instrument instrument, long price, long shares)
    {
        var treasury = _accounts[SystemAccounts.Treasury]!;
        var offer = Rest(treasury, instrument, Side.Sell, price, shares, shares);
        instrument.IpoOrderId = offer.Id;
        ref var e = ref NewEvent(EventKind.OrderAccepted);
        e.Account = treasury.Id;
        e.Asset = instrument.Id;
        e.Order = offer.Id;
        e.Side = Side.Sell;
        e.Price = price;
        e.Quantity = shares;
        return offer;
    }
}
