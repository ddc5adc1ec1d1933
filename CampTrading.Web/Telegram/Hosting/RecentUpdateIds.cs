namespace CampTrading.Web.Telegram.Hosting;

/// <summary>
/// Webhook mode: the update ids handled lately, so an update Telegram sends again (it re-sends until it gets a 2xx) is handled
/// once, while an update with a lower id that arrives late is still handled (Telegram does not promise order). Bounded: the
/// oldest ids are forgotten first. Held in memory: after a restart a re-sent update can run again, which money-moving actions
/// survive through their engine request keys.
/// </summary>
public sealed class RecentUpdateIds(int capacity = 10_000)
{
    private readonly object _gate = new();
    private readonly Dictionary<long, long> _ids = [];
    private readonly Queue<(long Id, long Generation)> _order = new();
    private long _generation;

    public int Count
    {
        get { lock (_gate) return _ids.Count; }
    }

    /// <summary>True the first time an id is seen (the caller handles it), false for a duplicate.</summary>
    public bool TryBegin(long updateId)
    {
        lock (_gate)
        {
            if (_ids.ContainsKey(updateId)) return false;
            var generation = ++_generation;
            _ids[updateId] = generation;
            _order.Enqueue((updateId, generation));
            while (_ids.Count > capacity && _order.TryDequeue(out var oldest))
                if (_ids.TryGetValue(oldest.Id, out var current) && current == oldest.Generation) _ids.Remove(oldest.Id);
            // Abandoned ids leave stale entries behind; keep the queue from growing without bound.
            while (_order.Count > capacity * 2 && _order.TryDequeue(out var stale))
                if (_ids.TryGetValue(stale.Id, out var current) && current == stale.Generation) _ids.Remove(stale.Id);
            return true;
        }
    }

    /// <summary>The update was not handled after all (the request was aborted): a re-send must run it.</summary>
    public void Abandon(long updateId)
    {
        lock (_gate) _ids.Remove(updateId);
    }
}
