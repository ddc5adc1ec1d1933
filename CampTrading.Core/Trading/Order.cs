namespace CampTrading.Core.Trading;

/// <summary>A resting order: a node of its price level's FIFO queue. Pooled by the engine.</summary>
internal sealed class Order
{
    public long Id;
    public int AccountId;
    public int InstrumentId;
    public Side Side;
    public long Price;
    public long Quantity;
    public long Remaining;
    public long Time;
    /// <summary>Market or IOC only while waiting for the opening auction, which cancels what it leaves of them.</summary>
    public OrderType Type;
    public TimeInForce TimeInForce;
    public OrderOrigin Origin;
    /// <summary>Points a resting feed buy reserves (its cost and fee at its limit); 0 for book orders, whose reservation is price × remaining.</summary>
    public long Held;

    internal Order? Next;
    internal Order? Prev;

    /// <summary>Points held for a resting buy (its limit price covers any fill at or below it).</summary>
    public long ReservedPoints => Side == Side.Buy ? Price * Remaining : 0;
}
