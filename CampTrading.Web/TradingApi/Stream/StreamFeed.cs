using System.Threading.Channels;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;

namespace CampTrading.Web.TradingApi.Stream;

public readonly record struct FeedLevel(long Price, long Quantity);

/// <summary>The top <see cref="StreamFeed.Depth"/> levels of one instrument's book after a batch, with its prices.</summary>
public sealed record FeedBook(int InstrumentId, string Symbol, FeedLevel[] Bids, FeedLevel[] Asks, long LastPrice, long ReferencePrice);

/// <summary>An order of a student as it stands after one event: status open, filled or cancelled.</summary>
public sealed record FeedOrder(int AccountId, long OrderId, int InstrumentId, Side Side, long Price, long Quantity, long Remaining, string Status,
    CancelReason CancelReason);

/// <summary>What one durable batch changed, as the stream hub needs it.</summary>
public sealed record FeedBatch(long Seq, DateTimeOffset Time, FeedBook[] Books, TradeView[] Trades, FeedOrder[] Orders, int[] Accounts, bool StatusChanged);

/// <summary>
/// The stream's one subscription to the engine (an <see cref="IEngineObserver"/>, after the read model): on the engine
/// thread it copies what a batch changed — the top levels of each touched book, trades, order transitions, touched
/// accounts — into an immutable <see cref="FeedBatch"/> and hands it to the hub through a queue. It never waits and never
/// serializes; the hub does the rest on its own thread. Order details (limit, quantity) are kept here for open orders,
/// seeded from the read model at the first batch (the end of recovery).
/// </summary>
public sealed class StreamFeed(MarketReadModel market) : IEngineObserver
{
    /// <summary>Levels per side the stream keeps and snapshots: those of the read model (as REST <c>/book</c>).</summary>
    public const int Depth = PublicMarketEndpoints.MaxDepth;

    private sealed record OrderInfo(int AccountId, int InstrumentId, Side Side, long Price, long Quantity);

    private readonly Channel<FeedBatch> _batches = Channel.CreateUnbounded<FeedBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Dictionary<long, OrderInfo> _orders = [];
    private readonly HashSet<int> _instruments = [];
    private readonly HashSet<int> _accounts = [];
    private readonly List<TradeView> _trades = [];
    private readonly List<FeedOrder> _orderChanges = [];
    private bool _started;
    private Core.Market.MarketOverride _override;

    public ChannelReader<FeedBatch> Batches => _batches.Reader;

    /// <summary>Batches handed over and not yet taken by the hub.</summary>
    public int Pending => _batches.Reader.Count;

    public void OnBatch(ExchangeEngine engine, ReadOnlySpan<EngineEvent> events)
    {
        var statusChanged = !_started || engine.Override != _override;
        if (!_started)
        {
            foreach (var account in market.AllAccounts)
                foreach (var o in market.OpenOrders(account.Id))
                    _orders[o.Id] = new OrderInfo(account.Id, o.InstrumentId, o.Side, o.Price, o.Quantity);
            foreach (var i in engine.Instruments) _instruments.Add(i.Id);
            _started = true;
        }
        _override = engine.Override;

        foreach (ref readonly var e in events)
        {
            switch (e.Kind)
            {
                case EventKind.OrderAccepted:
                    _orders[e.Order] = new OrderInfo(e.Account, e.Asset, e.Side, e.Price, e.Quantity);
                    Changed(e.Order, e.Quantity, CancelReason.None, cancelled: false);
                    Touch(e.Account, e.Asset);
                    break;
                case EventKind.OrderCancelled:
                    Changed(e.Order, e.Remaining, e.CancelReason, cancelled: true);
                    Touch(e.Account, e.Asset);
                    break;
                case EventKind.Trade:
                    OnTrade(e);
                    break;
                case EventKind.InstrumentListed:
                    _instruments.Add(e.Asset);
                    break;
                case EventKind.Ledger:
                case EventKind.AccountOpened:
                case EventKind.AccountChanged:
                case EventKind.OrderRejected:
                    _accounts.Add(e.Account);
                    break;
                case EventKind.DuelChanged:
                    _accounts.Add(e.Account);
                    if (e.Other != 0) _accounts.Add(e.Other);
                    break;
                case EventKind.SessionChanged:
                case EventKind.RulesChanged:
                case EventKind.MarketSettled:
                    statusChanged = true;
                    break;
            }
        }

        if (_instruments.Count == 0 && _trades.Count == 0 && _orderChanges.Count == 0 && _accounts.Count == 0 && !statusChanged) return;
        var books = new List<FeedBook>(_instruments.Count);
        // The read model has just refreshed these very instruments from this batch (it observes before us).
        foreach (var id in _instruments)
            if (market.Instrument(id) is { } i)
                books.Add(new FeedBook(i.Id, i.Symbol, Levels(i.Bids), Levels(i.Asks), i.LastPrice, i.ReferencePrice));
        var time = engine.LastTime > 0 ? new DateTimeOffset(engine.LastTime, TimeSpan.Zero) : DateTimeOffset.UtcNow;
        _batches.Writer.TryWrite(new FeedBatch(engine.LastSeq, time, [.. books], [.. _trades], [.. _orderChanges], [.. _accounts], statusChanged));
        _instruments.Clear();
        _accounts.Clear();
        _trades.Clear();
        _orderChanges.Clear();
    }

    private void OnTrade(in EngineEvent e)
    {
        var buyer = e.Side == Side.Buy ? e.Account : e.Other;
        var seller = e.Side == Side.Buy ? e.Other : e.Account;
        _trades.Add(new TradeView(e.Reference, e.Seq, new DateTimeOffset(e.Time, TimeSpan.Zero), e.Asset, e.Price, e.Quantity, e.Side, buyer, seller,
            e.Side == Side.Buy ? e.Order : e.OtherOrder, e.Side == Side.Buy ? e.OtherOrder : e.Order));
        Changed(e.Order, e.Remaining, CancelReason.None, cancelled: false);
        Changed(e.OtherOrder, e.OtherRemaining, CancelReason.None, cancelled: false);
        Touch(e.Account, e.Asset);
        _accounts.Add(e.Other);
    }

    private void Changed(long orderId, long remaining, CancelReason reason, bool cancelled)
    {
        if (!_orders.TryGetValue(orderId, out var o)) return;
        var status = cancelled ? "cancelled" : remaining == 0 ? "filled" : "open";
        _orderChanges.Add(new FeedOrder(o.AccountId, orderId, o.InstrumentId, o.Side, o.Price, o.Quantity, remaining, status, reason));
        if (status != "open") _orders.Remove(orderId);
    }

    private void Touch(int account, int instrument)
    {
        _accounts.Add(account);
        _instruments.Add(instrument);
    }

    private static FeedLevel[] Levels(IReadOnlyList<BookLevelView> side)
    {
        var levels = new FeedLevel[Math.Min(side.Count, Depth)];
        for (var k = 0; k < levels.Length; k++) levels[k] = new FeedLevel(side[k].Price, side[k].Quantity);
        return levels;
    }
}
