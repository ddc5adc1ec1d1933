using CampTrading.Core.Accounts;
using CampTrading.Core.Feeds;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>
/// Feed-priced instruments (docs/decisions/0024-feed-priced-instruments.md). Their price comes from journaled
/// <see cref="FeedPrice"/> commands; orders never meet each other but trade with the feed dealer, a system account that
/// issues the units it sells (its balance is minus the units outstanding) and pays or takes the points. A market order
/// fills at once at the dealer's quote (the feed price plus or minus half the spread); a limit order that does not cross
/// rests until a later price makes the quote cross it and then fills whole at that quote. Each fill pays a fee to the fees account.
/// </summary>
public sealed partial class ExchangeEngine
{
    private readonly List<Instrument> _feedInstruments = [];
    private long _nextFeedStale = long.MaxValue;

    public IReadOnlyList<Instrument> FeedInstruments => _feedInstruments;

    private CommandResult ApplyListFeedInstrument(ListFeedInstrument c)
    {
        var symbol = c.Symbol?.Trim().ToUpperInvariant() ?? "";
        if (symbol.Length is 0 or > 12 || string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Actor)
            || c.Terms is not { IsValid: true } || !c.SourceSettings().IsValid)
            return CommandResult.Reject(RejectCode.InvalidCommand);
        if (_symbols.ContainsKey(symbol)) return CommandResult.Reject(RejectCode.SymbolTaken);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);

        if (FindAccount(SystemAccounts.FeedDealer) is null) CreateAccount(SystemAccounts.FeedDealer, SystemAccounts.FeedDealerName, AccountKind.System);
        var instrument = new Instrument(_instruments.Count + 1, symbol, c.Name.Trim(), 0, 0) { Feed = new FeedInstrument(c.Terms, c.SourceSettings()) };
        _instruments.Add(instrument);
        _feedInstruments.Add(instrument);
        _symbols[symbol] = instrument.Id;
        ref var e = ref NewEvent(EventKind.InstrumentListed);
        e.Asset = instrument.Id;
        EmitFeedStatus(instrument);
        return CommandResult.Ok(instrument.Id);
    }

    private CommandResult ApplyConfigureFeedInstrument(ConfigureFeedInstrument c)
    {
        if (FindInstrument(c.InstrumentId) is not { Feed: { } feed } instrument) return CommandResult.Reject(RejectCode.InstrumentUnknown);
        if (string.IsNullOrWhiteSpace(c.Actor) || c.Terms is not { IsValid: true } || !c.SourceSettings().IsValid
            || c.Terms.UnitsPerWhole != feed.Terms.UnitsPerWhole)
            return CommandResult.Reject(RejectCode.InvalidCommand);
        if (feed.Removed) return CommandResult.Reject(RejectCode.InstrumentNotTradable);

        if (c.Terms != feed.Terms)
            foreach (var order in feed.Orders.ToList()) CancelResting(order, CancelReason.ByStaff);
        feed.Terms = c.Terms;
        feed.Source = c.SourceSettings();
        EmitFeedStatus(instrument);
        ScheduleFeedStaleness();
        return CommandResult.Ok(instrument.Id);
    }

    private CommandResult ApplySetFeedControl(SetFeedControl c)
    {
        if (FindInstrument(c.InstrumentId) is not { Feed: { } feed } instrument) return CommandResult.Reject(RejectCode.InstrumentUnknown);
        if (string.IsNullOrWhiteSpace(c.Actor) || !Enum.IsDefined(c.Control)) return CommandResult.Reject(RejectCode.InvalidCommand);
        if (feed.Removed) return CommandResult.Reject(RejectCode.InstrumentNotTradable);

        switch (c.Control)
        {
            case FeedControl.Pause:
                feed.Paused = true;
                break;
            case FeedControl.Resume:
                feed.Paused = false;
                break;
            case FeedControl.Remove:
                foreach (var order in feed.Orders.ToList()) CancelResting(order, CancelReason.ByStaff);
                feed.Removed = true;
                break;
        }
        EmitFeedStatus(instrument);
        ScheduleFeedStaleness();
        return CommandResult.Ok(instrument.Id);
    }

    private CommandResult ApplyFeedPrice(FeedPrice c)
    {
        if (FindInstrument(c.InstrumentId) is not { Feed: { } feed } instrument) return CommandResult.Reject(RejectCode.InstrumentUnknown);
        if (c.Price is <= 0 or > FeedMath.MaxPrice) return CommandResult.Reject(RejectCode.InvalidPrice);
        if (feed.Removed) return CommandResult.Reject(RejectCode.InstrumentNotTradable);

        feed.Price = c.Price;
        feed.FeedTime = c.FeedTime;
        feed.PricedAt = _time;
        instrument.LastPrice = c.Price;
        if (instrument.ReferencePrice == 0) instrument.ReferencePrice = c.Price;
        ref var e = ref NewEvent(EventKind.FeedPriced);
        e.Asset = instrument.Id;
        e.Price = c.Price;
        e.Reference = c.FeedTime;
        if (feed.StatusAt(_time) != feed.Status) EmitFeedStatus(instrument);
        ScheduleFeedStaleness();

        if (Session == SessionState.Open && feed.Status == FeedStatus.Live && !_settled) FillCrossedFeedOrders(instrument, feed);
        return CommandResult.Ok(instrument.Id);
    }

    private void FillCrossedFeedOrders(Instrument instrument, FeedInstrument feed)
    {
        long ask = feed.Ask, bid = feed.Bid;
        var crossed = feed.Orders.FindAll(o => o.Side == Side.Buy ? ask <= o.Price : bid >= o.Price);
        foreach (var order in crossed)
        {
            var account = _accounts[order.AccountId]!;
            feed.Orders.Remove(order);
            _orders.Remove(order.Id);
            if (order.Side == Side.Buy) account.Reserved[Assets.Points] -= order.Held;
            else account.Reserved[instrument.Id] -= order.Remaining;
            FillAgainstDealer(account, instrument, order.Id, order.Side, order.Side == Side.Buy ? ask : bid, order.Remaining, order.Origin);
            order.Next = order.Prev = null;
            _orderPool.Push(order);
        }
    }

    /// <summary>Places an order on a feed instrument: validated, then filled at once, rested, or (IOC that does not cross) cancelled.</summary>
    private CommandResult PlaceFeed(PlaceOrder c, Instrument instrument, FeedInstrument feed)
    {
        var reject = ValidateFeed(c, instrument, feed, out var account, out var held);
        if (!reject.IsOk) return Rejected(c, reject);
        var orderId = Accept(c, account, instrument);

        var quote = c.Side == Side.Buy ? feed.Ask : feed.Bid;
        if (Crosses(c, quote))
        {
            var value = FillAgainstDealer(account, instrument, orderId, c.Side, quote, c.Quantity, c.Origin);
            return new(RejectCode.None, orderId, OrderStatus.Filled, c.Quantity, value);
        }
        if (c.TimeInForce == TimeInForce.Gtc)
        {
            RestFeed(account, instrument, feed, orderId, c, held);
            return new(RejectCode.None, orderId, OrderStatus.Open, 0, 0, c.Quantity);
        }
        EmitCancelled(account.Id, instrument.Id, orderId, c.Side, c.Type == OrderType.Market ? 0 : c.Price, c.Quantity, CancelReason.NoLiquidity, c.Origin);
        return new(RejectCode.None, orderId, OrderStatus.Cancelled, 0, 0, c.Quantity, CancelReason.NoLiquidity);
    }

    private static bool Crosses(PlaceOrder c, long quote) =>
        c.Type == OrderType.Market || (c.Side == Side.Buy ? quote <= c.Price : quote >= c.Price);

    /// <summary>
    /// The rules of a feed order. <paramref name="held"/> is what a buy that rests must reserve: its cost and fee at its limit
    /// (a later fill is at a quote no worse than the limit, so it never costs more).
    /// </summary>
    private CommandResult ValidateFeed(PlaceOrder c, Instrument instrument, FeedInstrument feed, out Account account, out long held)
    {
        account = null!;
        held = 0;
        if (CheckTrader(c.AccountId, out var a) is { IsOk: false } refused) return refused;
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);
        if (feed.Removed || !instrument.Tradable) return CommandResult.Reject(RejectCode.InstrumentNotTradable);
        if (Session == SessionState.Halted) return CommandResult.Reject(RejectCode.MarketHalted);
        if (Session != SessionState.Open) return CommandResult.Reject(RejectCode.MarketClosed);
        if (feed.Paused) return CommandResult.Reject(RejectCode.FeedPaused);
        if (feed.StatusAt(_time) != FeedStatus.Live) return CommandResult.Reject(RejectCode.FeedStale, feed.Terms.StaleAfterSeconds);
        if (!IsWellFormed(c, fokAllowed: false)) return CommandResult.Reject(RejectCode.InvalidCommand);
        var terms = feed.Terms;
        if (c.Quantity <= 0) return CommandResult.Reject(RejectCode.InvalidQuantity);
        if (c.Quantity > terms.MaxOrderUnits) return CommandResult.Reject(RejectCode.QuantityAboveMax, terms.MaxOrderUnits);
        if (c.Type == OrderType.Limit && c.Price is <= 0 or > FeedMath.MaxPrice) return CommandResult.Reject(RejectCode.InvalidPrice);

        var isBuy = c.Side == Side.Buy;
        var quote = isBuy ? feed.Ask : feed.Bid;
        var price = Crosses(c, quote) ? quote : c.Price;
        var value128 = isBuy ? FeedMath.BuyValue(price, c.Quantity, terms.UnitsPerWhole) : FeedMath.SellValue(price, c.Quantity, terms.UnitsPerWhole);
        if (value128 > FeedMath.MaxValue) return CommandResult.Reject(RejectCode.QuantityAboveMax, terms.MaxOrderUnits);
        var value = (long)value128;
        if (value < terms.MinFee || value == 0) return CommandResult.Reject(RejectCode.OrderBelowMinFee, Math.Max(terms.MinFee, 1));

        if (isBuy)
        {
            if (CheckBuyer(a) is { IsOk: false } cannotBuy) return cannotBuy;
            var need = value + FeedMath.Fee(value, terms.FeeBps, terms.MinFee);
            var available = a.Available(Assets.Points);
            if (available < need) return CommandResult.Reject(RejectCode.InsufficientPoints, need, available);
            var position = a.Balance(instrument.Id) + RestingFeedBuys(a.Id, feed);
            if (position + c.Quantity > terms.MaxPositionUnits)
                return CommandResult.Reject(RejectCode.PositionLimitReached, terms.MaxPositionUnits, position);
            var dealerHolds = Math.Max(0, _accounts[SystemAccounts.FeedDealer]!.Balance(instrument.Id));
            if (!CanMintShares(c.Quantity - dealerHolds)) return SupplyRefusal(instrument.Id);
            held = need;
        }
        else
        {
            var available = a.Available(instrument.Id);
            if (available < c.Quantity) return CommandResult.Reject(RejectCode.InsufficientShares, c.Quantity, available);
            if (!CanMint(Assets.Points, value)) return SupplyRefusal(Assets.Points);
        }

        if (CheckDailyOrderLimit(a) is { IsOk: false } overLimit) return overLimit;

        account = a;
        return CommandResult.Ok();
    }

    private static long RestingFeedBuys(int accountId, FeedInstrument feed)
    {
        long units = 0;
        foreach (var order in feed.Orders)
            if (order.AccountId == accountId && order.Side == Side.Buy) units += order.Remaining;
        return units;
    }

    /// <summary>
    /// One fill against the dealer at <paramref name="price"/> per whole unit. A buyer pays the value rounded up to the dealer
    /// and the fee to the fees account; a seller's units go to the dealer, which pays the value rounded down: the fee to the
    /// fees account and the rest to the seller (so a seller in debt never goes below zero paying the fee). The fee's ledger
    /// entries are of kind Trade with the trade's id and the fees account as counterparty. Cost basis carries
    /// value plus fee; realized P&amp;L is net of the fee. Returns the fill's value.
    /// </summary>
    private long FillAgainstDealer(Account account, Instrument instrument, long orderId, Side side, long price, long quantity, OrderOrigin origin)
    {
        var terms = instrument.Feed!.Terms;
        var dealer = _accounts[SystemAccounts.FeedDealer]!;
        var fees = _accounts[SystemAccounts.Fees]!;
        var tradeId = _nextTradeId++;
        EmitTrade(tradeId, instrument.Id, price, quantity, account.Id, orderId, side, 0, origin, dealer.Id, 0, 0, OrderOrigin.House);

        long value;
        if (side == Side.Buy)
        {
            value = (long)FeedMath.BuyValue(price, quantity, terms.UnitsPerWhole);
            var fee = FeedMath.Fee(value, terms.FeeBps, terms.MinFee);
            Move(account, dealer, Assets.Points, value, LedgerKind.Trade, tradeId);
            if (fee > 0) Move(account, fees, Assets.Points, fee, LedgerKind.Trade, tradeId);
            Move(dealer, account, instrument.Id, quantity, LedgerKind.Trade, tradeId, paid: value + fee);
        }
        else
        {
            value = (long)FeedMath.SellValue(price, quantity, terms.UnitsPerWhole);
            var fee = Math.Min(value, FeedMath.Fee(value, terms.FeeBps, terms.MinFee));
            var basis = account.CostBasisOf(instrument.Id);
            Move(account, dealer, instrument.Id, quantity, LedgerKind.Trade, tradeId);
            if (fee > 0) Move(dealer, fees, Assets.Points, fee, LedgerKind.Trade, tradeId);
            if (value - fee > 0) Move(dealer, account, Assets.Points, value - fee, LedgerKind.Trade, tradeId);
            account.RealizedPnl += value - fee - (basis - account.CostBasisOf(instrument.Id));
        }
        return value;
    }

    private void RestFeed(Account account, Instrument instrument, FeedInstrument feed, long orderId, PlaceOrder c, long held)
    {
        var order = _orderPool.Count > 0 ? _orderPool.Pop() : new Order();
        order.Id = orderId;
        order.AccountId = account.Id;
        order.InstrumentId = instrument.Id;
        order.Side = c.Side;
        order.Price = c.Price;
        order.Quantity = c.Quantity;
        order.Remaining = c.Quantity;
        order.Time = _time;
        order.Type = OrderType.Limit;
        order.TimeInForce = TimeInForce.Gtc;
        order.Origin = c.Origin;
        order.Held = c.Side == Side.Buy ? held : 0;
        if (c.Side == Side.Buy) account.Reserved[Assets.Points] += held;
        else
        {
            account.EnsureAsset(instrument.Id);
            account.Reserved[instrument.Id] += c.Quantity;
        }
        feed.Orders.Add(order);
        _orders.Add(order.Id, order);
    }

    /// <summary>Takes a resting feed order off its list and frees what it reserved (the caller emits the cancel).</summary>
    private void UnrestFeed(FeedInstrument feed, Order order)
    {
        var account = _accounts[order.AccountId]!;
        if (order.Side == Side.Buy) account.Reserved[Assets.Points] -= order.Held;
        else account.Reserved[order.InstrumentId] -= order.Remaining;
        feed.Orders.Remove(order);
    }

    /// <summary>Marks feeds that went quiet as stale; called when engine time reaches <see cref="_nextFeedStale"/>.</summary>
    private void MarkStaleFeeds()
    {
        foreach (var instrument in _feedInstruments)
            if (instrument.Feed!.StatusAt(_time) != instrument.Feed.Status) EmitFeedStatus(instrument);
        ScheduleFeedStaleness();
    }

    /// <summary>The earliest time a live feed turns stale, so the sequencer sends a Tick then (see <see cref="NextWakeUp"/>).</summary>
    private void ScheduleFeedStaleness()
    {
        var next = long.MaxValue;
        foreach (var instrument in _feedInstruments)
        {
            var feed = instrument.Feed!;
            if (feed.Status == FeedStatus.Live) next = Math.Min(next, feed.PricedAt + feed.Terms.StaleAfterTicks);
        }
        _nextFeedStale = next;
    }

    private void EmitFeedStatus(Instrument instrument)
    {
        var feed = instrument.Feed!;
        feed.Status = feed.StatusAt(_time);
        ref var e = ref NewEvent(EventKind.FeedStatusChanged);
        e.Asset = instrument.Id;
        e.Code = (byte)feed.Status;
        e.Price = feed.Price;
    }

    /// <summary>Resting feed orders of one instrument, oldest first (for views and the invariant checker).</summary>
    public IReadOnlyList<OpenOrderView> FeedOrdersOf(int instrumentId) =>
        FindInstrument(instrumentId)?.Feed is { } feed
            ? feed.Orders.Select(o => new OpenOrderView(o.Id, o.InstrumentId, o.Side, o.Price, o.Quantity, o.Remaining, o.Time, o.Origin)).ToList()
            : [];

    private EngineSnapshot CaptureFeeds(EngineSnapshot snapshot) => _feedInstruments.Count == 0 ? snapshot : snapshot with
    {
        Feeds = _feedInstruments.Select(i => i.Feed!).Zip(_feedInstruments, (f, i) => new EngineSnapshot.FeedInstrumentState(
            i.Id, f.Terms, f.Source, f.Price, f.FeedTime, f.PricedAt, f.Status, f.Paused, f.Removed,
            f.Orders.Select(o => new EngineSnapshot.FeedOrderState(o.Id, o.AccountId, o.Side, o.Price, o.Quantity, o.Held, o.Time, o.Origin)).ToArray()))
            .ToArray(),
    };

    private void RestoreFeeds(EngineSnapshot snapshot)
    {
        foreach (var s in snapshot.Feeds ?? [])
        {
            var instrument = _instruments[s.InstrumentId - 1];
            var feed = new FeedInstrument(s.Terms, s.Source)
            {
                Price = s.Price, FeedTime = s.FeedTime, PricedAt = s.PricedAt, Status = s.Status, Paused = s.Paused, Removed = s.Removed,
            };
            instrument.Feed = feed;
            _feedInstruments.Add(instrument);
            foreach (var o in s.Orders)
            {
                var order = new Order
                {
                    Id = o.Id, AccountId = o.AccountId, InstrumentId = instrument.Id, Side = o.Side, Price = o.Price, Quantity = o.Quantity,
                    Remaining = o.Quantity, Held = o.Held, Time = o.Time, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, Origin = o.Origin,
                };
                feed.Orders.Add(order);
                _orders.Add(order.Id, order);
            }
        }
        ScheduleFeedStaleness();
    }
}
