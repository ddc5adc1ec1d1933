namespace CampTrading.Core.Engine;

/// <summary>A growable buffer of events the engine fills and its owner drains after each batch.</summary>
public sealed class EventBuffer
{
    private EngineEvent[] _items = new EngineEvent[1024];

    public int Count { get; private set; }

    public ReadOnlySpan<EngineEvent> Span => _items.AsSpan(0, Count);

    internal ref EngineEvent Add()
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        ref var e = ref _items[Count++];
        e = default;
        return ref e;
    }

    public void Clear() => Count = 0;

    public EngineEvent[] ToArray() => Span.ToArray();
}
