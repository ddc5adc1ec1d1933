using CampTrading.Core.Accounts;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

public sealed partial class ExchangeEngine
{
    /// <summary>Copies the whole state. Call on the engine thread; the copy is then free to serialize elsewhere.</summary>
    public EngineSnapshot CreateSnapshot()
    {
        var snapshot = CaptureCore();
        snapshot = CaptureAccountKeys(snapshot);
        snapshot = CaptureRequestKeys(snapshot);
        snapshot = CaptureQr(snapshot);
        snapshot = CaptureBooths(snapshot);
        snapshot = CaptureArcade(snapshot);
        snapshot = CaptureDuels(snapshot);
        snapshot = CaptureFeeds(snapshot);
        return CaptureSettlement(snapshot);
    }

    private EngineSnapshot CaptureCore() => new()
    {
        Seq = _seq,
        Time = _time,
        Settings = Settings,
        Rules = Rules,
        Session = Session,
        Override = _clock.Override,
        AwaitingOpen = _awaitingOpen,
        Schedule = _clock.Intervals.ToArray(),
        NextAccountId = _nextAccountId,
        NextOrderId = _nextOrderId,
        NextTradeId = _nextTradeId,
        Accounts = Accounts().Select(a => new EngineSnapshot.AccountState(
            a.Id, a.Name, a.Kind, a.Restrictions, a.Debt, TrimmedCopy(a.Balances), TrimmedCopy(a.Reserved),
            a.OrdersToday, a.OrdersDay, a.Team, a.IsSystem ? null : TrimmedCopy(a.CostBasis), a.RealizedPnl, a.ApiOrdersToday)).ToArray(),
        Instruments = _instruments.Select(i => new EngineSnapshot.InstrumentState(
            i.Id, i.Symbol, i.Name, i.IpoPrice, i.IpoShares, i.IpoOrderId, i.ReferencePrice, i.LastPrice, i.Tradable,
            i.IpoAuctionShares)).ToArray(),
        Orders = _instruments.SelectMany(i => RestingOrders(i.Book.Bids).Concat(RestingOrders(i.Book.Asks)))
            .Select(o => new EngineSnapshot.OrderState(o.Id, o.AccountId, o.InstrumentId, o.Side, o.Price, o.Quantity, o.Remaining, o.Time, o.Type, o.TimeInForce, o.Origin))
            .ToArray(),
    };

    public static ExchangeEngine Restore(EngineSnapshot snapshot)
    {
        if (snapshot.Version != EngineSnapshot.CurrentVersion)
            throw new InvalidOperationException($"Snapshot version {snapshot.Version} is not supported (expected {EngineSnapshot.CurrentVersion}).");

        var engine = new ExchangeEngine(snapshot.Settings);
        engine._seq = snapshot.Seq;
        engine._time = snapshot.Time;
        engine.Rules = snapshot.Rules;
        engine.Session = snapshot.Session;
        engine._clock.Override = snapshot.Override;
        engine._awaitingOpen = snapshot.AwaitingOpen;
        engine._clock.SetSchedule(snapshot.Schedule);
        engine._nextBoundary = engine._clock.NextBoundary(snapshot.Time);
        engine._nextAccountId = snapshot.NextAccountId;
        engine._nextOrderId = snapshot.NextOrderId;
        engine._nextTradeId = snapshot.NextTradeId;

        foreach (var s in snapshot.Instruments)
        {
            var instrument = new Instrument(s.Id, s.Symbol, s.Name, s.IpoPrice, s.IpoShares)
            {
                IpoOrderId = s.IpoOrderId,
                IpoAuctionShares = s.IpoAuctionShares,
                ReferencePrice = s.ReferencePrice,
                LastPrice = s.LastPrice,
                Tradable = s.Tradable,
            };
            engine._instruments.Add(instrument);
            engine._symbols[s.Symbol] = s.Id;
        }

        foreach (var s in snapshot.Accounts)
        {
            var account = engine.FindAccount(s.Id) ?? engine.CreateAccount(s.Id, s.Name, s.Kind);
            account.Name = s.Name;
            account.Restrictions = s.Restrictions;
            account.Debt = s.Debt;
            account.EnsureAsset(s.Balances.Length - 1);
            s.Balances.CopyTo(account.Balances, 0);
            s.Reserved.CopyTo(account.Reserved, 0);
            if (s.CostBasis is { } basis)
            {
                account.EnsureAsset(basis.Length - 1);
                basis.CopyTo(account.CostBasis, 0);
            }
            account.RealizedPnl = s.RealizedPnl;
            account.OrdersToday = s.OrdersToday;
            account.OrdersDay = s.OrdersDay;
            account.ApiOrdersToday = s.ApiOrdersToday;
            account.Team = s.Team;
        }

        foreach (var s in snapshot.Orders)
        {
            var order = new Order
            {
                Id = s.Id, AccountId = s.AccountId, InstrumentId = s.InstrumentId, Side = s.Side,
                Price = s.Price, Quantity = s.Quantity, Remaining = s.Remaining, Time = s.Time, Type = s.Type, TimeInForce = s.TimeInForce, Origin = s.Origin,
            };
            engine._instruments[s.InstrumentId - 1].Book.SideOf(s.Side).Add(order);
            engine._orders.Add(order.Id, order);
        }
        engine.RestoreAccountKeys(snapshot);
        engine.RestoreRequestKeys(snapshot);
        engine.RestoreQr(snapshot);
        engine.RestoreBooths(snapshot);
        engine.RestoreArcade(snapshot);
        engine.RestoreDuels(snapshot);
        engine.RestoreFeeds(snapshot);
        engine.RestoreSettlement(snapshot);
        return engine;
    }

    private static IEnumerable<Order> RestingOrders(BookSide side)
    {
        foreach (var level in side.Levels())
            for (var order = level.Head; order is not null; order = order.Next)
                yield return order;
    }

    /// <summary>Balances without trailing zero slots, so equal states snapshot identically.</summary>
    private static long[] TrimmedCopy(long[] values)
    {
        var length = values.Length;
        while (length > 1 && values[length - 1] == 0) length--;
        return values.AsSpan(0, length).ToArray();
    }
}
