namespace CampTrading.Core.Trading;

/// <summary>
/// Resting orders by id. Ids are dense and sequential, so a paged array beats a hash map: one
/// indexed read per lookup. A page is dropped once its last order leaves (kept for reuse by the next new page, so a steady
/// market allocates none), except the newest page, where new ids still arrive. Enumerates in id order.
/// </summary>
internal sealed class OrderIndex
{
    private const int PageBits = 8;
    private const int PageSize = 1 << PageBits;
    private const int MaxEmptyPages = 64;
    private Order?[]?[] _pages = new Order?[]?[16];
    private int[] _counts = new int[16];
    private long _newestPage;
    private readonly Stack<Order?[]> _emptyPages = new(); // dropped pages (all slots null), reused for new ids

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
        if (p > _newestPage) _newestPage = p;
        var page = _pages[p] ??= _emptyPages.Count > 0 ? _emptyPages.Pop() : new Order?[PageSize];
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
        if (--_counts[p] == 0 && p < _newestPage)
        {
            if (_emptyPages.Count < MaxEmptyPages) _emptyPages.Push(page);
            _pages[p] = null;
        }
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
