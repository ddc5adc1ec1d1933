using System.Text.Json;

namespace SampleBot;

/// <summary>
/// The order book from the stream: a snapshot, then updates numbered seq, seq+1, … Each update holds the changed price
/// levels as [price, newTotalQuantity] (0 removes the level). A missing number means an update was lost: the book is then
/// wrong, so it is marked invalid until a fresh snapshot arrives.
/// </summary>
public sealed class OrderBook
{
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a))); // best (highest) first
    private readonly SortedDictionary<long, long> _asks = new(); // best (lowest) first

    /// <summary>The book sequence number applied last; null while waiting for a snapshot.</summary>
    public long? Seq { get; private set; }

    public bool IsValid => Seq is not null;

    public long? BestBid => _bids.Count > 0 ? _bids.Keys.First() : null;

    public long? BestAsk => _asks.Count > 0 ? _asks.Keys.First() : null;

    public void ApplySnapshot(JsonElement message)
    {
        Fill(_bids, message.GetProperty("bids"), replace: true);
        Fill(_asks, message.GetProperty("asks"), replace: true);
        Seq = message.GetProperty("seq").GetInt64();
    }

    /// <summary>Applies an update; false when one was missed (a gap): ask for a snapshot then.</summary>
    public bool ApplyUpdate(JsonElement message)
    {
        var seq = message.GetProperty("seq").GetInt64();
        if (Seq is not { } last) return true; // waiting for the snapshot we asked for
        if (seq <= last) return true; // already in the snapshot
        if (seq != last + 1)
        {
            Seq = null;
            return false;
        }
        Fill(_bids, message.GetProperty("bids"), replace: false);
        Fill(_asks, message.GetProperty("asks"), replace: false);
        Seq = seq;
        return true;
    }

    /// <summary>Shares offered on the best <paramref name="levels"/> price levels of a side.</summary>
    public long BidVolume(int levels) => _bids.Values.Take(levels).Sum();

    public long AskVolume(int levels) => _asks.Values.Take(levels).Sum();

    public void Invalidate() => Seq = null;

    private static void Fill(SortedDictionary<long, long> side, JsonElement levels, bool replace)
    {
        if (replace) side.Clear();
        foreach (var level in levels.EnumerateArray())
        {
            var price = level[0].GetInt64();
            var quantity = level[1].GetInt64();
            if (quantity == 0) side.Remove(price);
            else side[price] = quantity;
        }
    }
}
