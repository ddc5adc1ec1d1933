namespace CampTrading.Core.Trading;

/// <summary>
/// Resting orders by id. Ids are dense and sequential, so a paged array beats a hash map: one
/// indexed read per lookup, and pages are dropped once their last order leaves. Enumerates in id order.
/// </summary>
internal sealed class OrderIndex
{
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits;
    private Order?[]?[] _pages = new Order?[]?[16];
    private int[] _counts = new int[16];

    public int Count { get; private set; }

    public void Add(long id, Order order)
    {
        var p = (int)(id >> PageBits);
        if (p >= _pages.Length)
        {
            var size = Math.Max(p + 1, _pages.Length * 2);
            Array.Resize(ref _pages, size);
            Array.Resize(ref _counts, size);
        }
        var page = _pages[p] ??= new Order?[PageSize];
        ref var slot = ref page[id & (PageSize - 1)];
        if (slot is not null) throw new ArgumentException("duplicate order id");
        slot = order;
        _counts[p]++;
        Count++;
    }

    public bool TryGetValue(long id, out Order order)
    {
        var p = id >> PageBits;
        if ((ulong)p < (ulong)_pages.Length && _pages[p] is { } page && page[id & (PageSize - 1)] is { } o)
        {
            order = o;
            return true;
        }
        order = null!;
        return false;
    }

    public bool ContainsKey(long id) => TryGetValue(id, out _);

    public bool Remove(long id)
    {
        var p = id >> PageBits;
        if ((ulong)p >= (ulong)_pages.Length || _pages[p] is not { } page || page[id & (PageSize - 1)] is null) return false;
        page[id & (PageSize - 1)] = null;
        Count--;
        if (--_counts[p] == 0) _pages[p] = null;
        return true;
    }

    public IEnumerable<Order> Values
    {
        get
        {
            foreach (var page in _pages)
                if (page is not null)
                    foreach (var o in page)
                        if (o is not null) yield return o;
        }
    }
}
