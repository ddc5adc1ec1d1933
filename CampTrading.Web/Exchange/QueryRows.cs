using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Exchange;

/// <summary>Folds a run of engine events into the rows the query tables need.</summary>
internal sealed class QueryRows
{
    public sealed record OrderRow(long Id, long Seq, long Time, int Account, int Instrument, Side Side, long Price, long Quantity,
        OrderOrigin Origin = OrderOrigin.Unknown)
    {
        public long Filled { get; set; }
        public string Status { get; set; } = "open";
        public string? CancelReason { get; set; }
        public long UpdatedAt { get; set; } = Time;
    }

    public sealed record OrderUpdate(long Id)
    {
        public long FilledDelta { get; set; }
        public string Status { get; set; } = "open";
        public string? CancelReason { get; set; }
        public long UpdatedAt { get; set; }
    }

    public List<EngineEvent> Ledger { get; } = [];
    public List<EngineEvent> Trades { get; } = [];
    /// <summary>Feed prices (docs/decisions/0024-feed-priced-instruments.md), for the charts after a restart.</summary>
    public List<EngineEvent> FeedPrices { get; } = [];
    public List<OrderRow> NewOrders { get; } = [];
    public List<OrderUpdate> OrderUpdates { get; } = [];
    public long MaxSeq { get; private set; }

    public static QueryRows From(IEnumerable<EngineEvent> events)
    {
        var rows = new QueryRows();
        var created = new Dictionary<long, OrderRow>();
        var updated = new Dictionary<long, OrderUpdate>();
        foreach (var e in events)
        {
            rows.MaxSeq = Math.Max(rows.MaxSeq, e.Seq);
            switch (e.Kind)
            {
                case EventKind.Ledger:
                    rows.Ledger.Add(e);
                    break;
                case EventKind.OrderAccepted:
                    var row = new OrderRow(e.Order, e.Seq, e.Time, e.Account, e.Asset, e.Side, e.Price, e.Quantity, e.Origin);
                    created[e.Order] = row;
                    rows.NewOrders.Add(row);
                    break;
                case EventKind.Trade:
                    rows.Trades.Add(e);
                    Fill(e.Order, e.Quantity, e.Remaining, e.Time);
                    if (e.OtherOrder != 0) Fill(e.OtherOrder, e.Quantity, e.OtherRemaining, e.Time); // 0: the feed dealer, which has no order
                    break;
                case EventKind.FeedPriced:
                    rows.FeedPrices.Add(e);
                    break;
                case EventKind.OrderCancelled:
                    var reason = e.CancelReason.ToString();
                    if (created.TryGetValue(e.Order, out var c)) { c.Status = "cancelled"; c.CancelReason = reason; c.UpdatedAt = e.Time; }
                    else
                    {
                        var u = Update(e.Order);
                        u.Status = "cancelled";
                        u.CancelReason = reason;
                        u.UpdatedAt = e.Time;
                    }
                    break;
            }
        }
        rows.OrderUpdates.AddRange(updated.Values);
        return rows;

        OrderUpdate Update(long id)
        {
            if (!updated.TryGetValue(id, out var u)) updated[id] = u = new OrderUpdate(id);
            return u;
        }

        void Fill(long id, long quantity, long remaining, long time)
        {
            if (created.TryGetValue(id, out var c))
            {
                c.Filled += quantity;
                if (remaining == 0) c.Status = "filled";
                c.UpdatedAt = time;
                return;
            }
            var u = Update(id);
            u.FilledDelta += quantity;
            if (remaining == 0) u.Status = "filled";
            u.UpdatedAt = time;
        }
    }
}
