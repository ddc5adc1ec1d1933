using CampTrading.Core.Accounts;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>
/// Final settlement. Holdings become points through the system accounts (shares back to issuance, points out of
/// settlement, both with ledger kind Settlement), so every asset stays conserved; points paid in repay debt first
/// (through <see cref="Move"/>). Afterwards no share is outstanding, nothing is reserved and the market stays closed:
/// orders and duels are refused with MarketSettled.
/// </summary>
public sealed partial class ExchangeEngine
{
    private bool _settled;

    public bool IsSettled => _settled;

    /// <summary>The price each instrument would settle at, or a reject code for an unusable request.</summary>
    public RejectCode SettlementPrices(SettlementPriceMode mode, IReadOnlyDictionary<int, long>? fixedPrices, out long[] prices)
    {
        prices = new long[_instruments.Count + 1];
        if (mode == SettlementPriceMode.LastPrice)
        {
            foreach (var instrument in _instruments) prices[instrument.Id] = instrument.MarkPrice;
            return RejectCode.None;
        }
        if (mode != SettlementPriceMode.Fixed || fixedPrices is null) return RejectCode.InvalidCommand;
        foreach (var id in fixedPrices.Keys)
            if (FindInstrument(id) is null) return RejectCode.InstrumentUnknown;
        foreach (var instrument in _instruments)
        {
            if (!fixedPrices.TryGetValue(instrument.Id, out var price) || price < 0
                || price > (instrument.Feed is null ? Instrument.MaxPrice : Feeds.FeedMath.MaxPrice)) return RejectCode.InvalidPrice;
            prices[instrument.Id] = price;
        }
        return RejectCode.None;
    }

    /// <summary>What settling at <paramref name="prices"/> would pay people for their shares, without overflow.</summary>
    private Int128 SettlementPayout(long[] prices)
    {
        Int128 total = 0;
        foreach (var account in Accounts())
        {
            if (account.IsSystem) continue;
            foreach (var instrument in _instruments) total += instrument.ValueOf(account.Balance(instrument.Id), prices[instrument.Id]);
        }
        return total;
    }

    private CommandResult ApplySettle(Settle c)
    {
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);
        if (string.IsNullOrWhiteSpace(c.Actor)) return CommandResult.Reject(RejectCode.InvalidCommand);
        var refused = SettlementPrices(c.Mode, c.FixedPrices, out var prices);
        if (refused != RejectCode.None) return CommandResult.Reject(refused);
        if (!CanMint(Assets.Points, SettlementPayout(prices))) return SupplyRefusal(Assets.Points);

        _settled = true;
        foreach (var order in _orders.Values.ToList()) CancelResting(order, CancelReason.Settlement);
        foreach (var instrument in _instruments) instrument.IpoAuctionShares = 0; // no auction comes any more
        CancelAllDuels();

        var issuance = _accounts[SystemAccounts.Issuance]!;
        var settlement = _accounts[SystemAccounts.Settlement]!;
        long shares = 0, paid = 0;
        foreach (var account in Accounts())
        {
            if (account.Id == SystemAccounts.Issuance) continue;
            foreach (var instrument in _instruments)
            {
                var held = account.Balance(instrument.Id);
                if (held == 0) continue;
                // The treasury's unsold pool simply returns to issuance; people are paid for theirs.
                Move(account, issuance, instrument.Id, held, LedgerKind.Settlement, instrument.Id);
                if (account.IsSystem) continue;
                var value = (long)instrument.ValueOf(held, prices[instrument.Id]);
                if (value > 0) Move(settlement, account, Assets.Points, value, LedgerKind.Settlement, instrument.Id);
                shares += held;
                paid += value;
            }
        }

        foreach (var instrument in _instruments) instrument.Tradable = false;
        _clock.Override = MarketOverride.ForceClose;
        AdvanceSession();

        ref var e = ref NewEvent(EventKind.MarketSettled);
        e.Code = (byte)c.Mode;
        e.Quantity = shares;
        e.Amount = paid;
        return new CommandResult(RejectCode.None, Status: OrderStatus.Filled, Filled: shares, FilledValue: paid);
    }

    private EngineSnapshot CaptureSettlement(EngineSnapshot snapshot) => snapshot with { Settled = _settled };

    private void RestoreSettlement(EngineSnapshot snapshot) => _settled = snapshot.Settled;
}
