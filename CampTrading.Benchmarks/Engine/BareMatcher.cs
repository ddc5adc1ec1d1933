namespace CampTrading.Benchmarks.Engine;

/// <summary>
/// A straightforward price-time matcher with no accounting: one SortedDictionary of price levels
/// per side, each level a FIFO LinkedList, and a Dictionary from order id to list node for
/// cancels. It is the yardstick for how much the real engine's validation, reservations, ledger
/// and events cost over a bare matching loop.
/// <para>
/// Its matching rules are the engine's, so both do the same work on the same messages: fills at
/// the resting price in price-time priority; self-trade prevention cancels the taker's remainder
/// when the next resting order is its own; market orders (limit = band edge) and a self-trade stop
/// never rest; order ids are 1, 2, ... one per placement; a cancel of someone else's order is refused.
/// The only concession to speed is caching each side's best level instead of asking the tree for
/// it on every step of the matching loop.
/// </para>
/// </summary>
internal sealed class BareMatcher
{
    private sealed class BareOrder
    {
        public long Id;
        public int Account;
        public long Price;
        public long Remaining;
        public bool IsBuy;
    }

    private sealed class Descending : IComparer<long>
    {
        public static readonly Descending Instance = new();
        public int Compare(long x, long y) => y.CompareTo(x);
    }

    private sealed class Book(IComparer<long> order)
    {
        public readonly SortedDictionary<long, LinkedList<BareOrder>> Levels = new(order);
        public LinkedList<BareOrder>? Best;
        public long BestPrice;

        public void RefreshBest()
        {
            Best = null;
            BestPrice = 0;
            foreach (var (price, level) in Levels)
            {
                Best = level;
                BestPrice = price;
                break;
            }
        }

        public void RemoveLevel(long price)
        {
            Levels.Remove(price);
            if (price == BestPrice) RefreshBest();
        }
    }

    private readonly Book _bids = new(Descending.Instance);
    private readonly Book _asks = new(Comparer<long>.Default);
    private readonly Dictionary<long, LinkedListNode<BareOrder>> _orders = [];

    public long NextOrderId { get; private set; } = 1;
    public long Trades { get; private set; }
    public long FilledQuantity { get; private set; }
    public long CancelsOk { get; private set; }
    public long CancelsRejected { get; private set; }
    public int OpenOrders => _orders.Count;
    public int BidLevels => _bids.Levels.Count;
    public int AskLevels => _asks.Levels.Count;

    public bool IsOpen(long orderId) => _orders.ContainsKey(orderId);

    public bool TryGetOwner(long orderId, out int account)
    {
        if (_orders.TryGetValue(orderId, out var node))
        {
            account = node.Value.Account;
            return true;
        }
        account = 0;
        return false;
    }

    /// <summary>Replays messages; returns a checksum so the work cannot be optimized away.</summary>
    public long Replay(BareMessage[] messages, int count)
    {
        for (var i = 0; i < count; i++) Apply(in messages[i]);
        return Trades ^ FilledQuantity ^ CancelsOk;
    }

    public void Apply(in BareMessage m)
    {
        switch (m.Kind)
        {
            case BareKind.LimitBuy: Place(true, m.Price, m.Quantity, m.Account, rests: true); break;
            case BareKind.LimitSell: Place(false, m.Price, m.Quantity, m.Account, rests: true); break;
            case BareKind.MarketBuy: Place(true, m.Price, m.Quantity, m.Account, rests: false); break;
            case BareKind.MarketSell: Place(false, m.Price, m.Quantity, m.Account, rests: false); break;
            case BareKind.Cancel: Cancel(m.Account, m.OrderId); break;
            default: throw new InvalidOperationException($"Unknown message kind {m.Kind}.");
        }
    }

    private void Place(bool isBuy, long limit, long quantity, int account, bool rests)
    {
        var id = NextOrderId++;
        var opposite = isBuy ? _asks : _bids;
        var remaining = quantity;

        while (remaining > 0 && opposite.Best is { } level && (isBuy ? opposite.BestPrice <= limit : opposite.BestPrice >= limit))
        {
            var price = opposite.BestPrice;
            while (remaining > 0 && level.First is { } node)
            {
                var maker = node.Value;
                if (maker.Account == account) return; // self-trade prevention: the remainder is cancelled
                var q = Math.Min(remaining, maker.Remaining);
                maker.Remaining -= q;
                remaining -= q;
                Trades++;
                FilledQuantity += q;
                if (maker.Remaining == 0)
                {
                    level.RemoveFirst();
                    _orders.Remove(maker.Id);
                }
            }
            if (level.Count == 0) opposite.RemoveLevel(price);
        }

        if (remaining == 0 || !rests) return;

        var own = isBuy ? _bids : _asks;
        if (!own.Levels.TryGetValue(limit, out var mine))
        {
            mine = new LinkedList<BareOrder>();
            own.Levels.Add(limit, mine);
            if (own.Best is null || (isBuy ? limit > own.BestPrice : limit < own.BestPrice))
            {
                own.Best = mine;
                own.BestPrice = limit;
            }
        }
        var order = new BareOrder { Id = id, Account = account, Price = limit, Remaining = remaining, IsBuy = isBuy };
        _orders.Add(id, mine.AddLast(order));
    }

    private void Cancel(int account, long orderId)
    {
        if (!_orders.TryGetValue(orderId, out var node) || node.Value.Account != account)
        {
            CancelsRejected++;
            return;
        }
        _orders.Remove(orderId);
        var order = node.Value;
        var level = node.List!;
        level.Remove(node);
        if (level.Count == 0) (order.IsBuy ? _bids : _asks).RemoveLevel(order.Price);
        CancelsOk++;
    }
}
