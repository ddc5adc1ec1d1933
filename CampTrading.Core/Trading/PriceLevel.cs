namespace CampTrading.Core.Trading;

/// <summary>All resting orders at one price on one side, in arrival order.</summary>
internal sealed class PriceLevel
{
    public PriceLevel(long price) => Price = price;

    public long Price { get; }
    public Order? Head;
    public Order? Tail;
    public long TotalQuantity;
    public int Count;

    public bool IsEmpty => Head is null;

    public void Append(Order order)
    {
        order.Prev = Tail;
        order.Next = null;
        if (Tail is null) Head = order; else Tail.Next = order;
        Tail = order;
        TotalQuantity += order.Remaining;
        Count++;
    }

    public void Remove(Order order)
    {
        if (order.Prev is null) Head = order.Next; else order.Prev.Next = order.Next;
        if (order.Next is null) Tail = order.Prev; else order.Next.Prev = order.Prev;
        order.Next = order.Prev = null;
        TotalQuantity -= order.Remaining;
        Count--;
    }
}
