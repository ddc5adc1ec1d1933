using System.Numerics;

namespace CampTrading.Core.Trading;

/// <summary>
/// One side of a book: price levels in an array indexed by integer price, with a bitmap of
/// non-empty levels so the next best price is a few word scans away. Prices are bounded by the
/// price band, so the array stays small.
/// </summary>
internal sealed class BookSide
{
    private PriceLevel?[] _levels = new PriceLevel?[64];
    private ulong[] _occupied = new ulong[1];
    private readonly bool _isBid;

    public BookSide(Side side) => _isBid = side == Side.Buy;

    /// <summary>Best price, or 0 when empty.</summary>
    public long BestPrice { get; private set; }
    public bool IsEmpty => BestPrice == 0;
    public int LevelCount { get; private set; }

    public PriceLevel? Best => BestPrice == 0 ? null : _levels[BestPrice];

    public PriceLevel? LevelAt(long price) => price < _levels.Length ? _levels[price] : null;

    /// <summary>True when an incoming order at <paramref name="limit"/> on the other side would cross this side's best.</summary>
    public bool Crosses(long limit) => BestPrice != 0 && (_isBid ? BestPrice >= limit : BestPrice <= limit);

    public void Add(Order order)
    {
        var price = order.Price;
        EnsureCapacity(price);
        var level = _levels[price];
        if (level is null)
        {
            level = new PriceLevel(price);
            _levels[price] = level;
        }
        if (level.IsEmpty)
        {
            _occupied[price >> 6] |= 1UL << (int)(price & 63);
            LevelCount++;
            if (BestPrice == 0 || (_isBid ? price > BestPrice : price < BestPrice)) BestPrice = price;
        }
        level.Append(order);
    }

    public void Remove(Order order)
    {
        var level = _levels[order.Price]!;
        level.Remove(order);
        if (level.IsEmpty) OnLevelEmptied(order.Price);
    }

    /// <summary>Reduce a resting order by a fill, keeping the level total right.</summary>
    public static void Fill(PriceLevel level, Order order, long quantity)
    {
        order.Remaining -= quantity;
        level.TotalQuantity -= quantity;
    }

    public void OnLevelEmptied(long price)
    {
        _occupied[price >> 6] &= ~(1UL << (int)(price & 63));
        LevelCount--;
        if (price == BestPrice) BestPrice = _isBid ? NextBelow(price) : NextAbove(price);
    }

    /// <summary>Non-empty levels from best outward.</summary>
    public IEnumerable<PriceLevel> Levels()
    {
        var price = BestPrice;
        while (price != 0)
        {
            yield return _levels[price]!;
            price = _isBid ? NextBelow(price) : NextAbove(price);
        }
    }

    /// <summary>Copies up to <paramref name="max"/> levels from best outward; allocation free.</summary>
    public int CopyTop(Span<(long Price, long Quantity, int Orders)> into)
    {
        var n = 0;
        var price = BestPrice;
        while (price != 0 && n < into.Length)
        {
            var level = _levels[price]!;
            into[n++] = (price, level.TotalQuantity, level.Count);
            price = _isBid ? NextBelow(price) : NextAbove(price);
        }
        return n;
    }

    private long NextBelow(long price)
    {
        var p = price - 1;
        if (p <= 0) return 0;
        var word = (int)(p >> 6);
        var bits = _occupied[word] & (ulong.MaxValue >> (63 - (int)(p & 63)));
        while (true)
        {
            if (bits != 0) return ((long)word << 6) + 63 - BitOperations.LeadingZeroCount(bits);
            if (--word < 0) return 0;
            bits = _occupied[word];
        }
    }

    private long NextAbove(long price)
    {
        var p = price + 1;
        var word = (int)(p >> 6);
        if (word >= _occupied.Length) return 0;
        var bits = _occupied[word] & (ulong.MaxValue << (int)(p & 63));
        while (true)
        {
            if (bits != 0) return ((long)word << 6) + BitOperations.TrailingZeroCount(bits);
            if (++word >= _occupied.Length) return 0;
            bits = _occupied[word];
        }
    }

    private void EnsureCapacity(long price)
    {
        if (price < _levels.Length) return;
        var size = _levels.Length;
        while (size <= price) size *= 2;
        Array.Resize(ref _levels, size);
        Array.Resize(ref _occupied, size >> 6);
    }
}
