using System.Threading.Channels;

namespace CampTrading.Web.TradingApi.Stream;

/// <summary>
/// One open stream as the hub sees it: ONE bounded outbound queue drained by one writer loop. The hub only ever calls
/// <see cref="TryEnqueue"/>, which never waits: when the queue is full the connection is closed 4408 slow_consumer and
/// the message is dropped for it alone. Subscriptions (<see cref="Channels"/>) are changed only under the hub's lock.
/// </summary>
public abstract class StreamConnection
{
    private static long _nextId;
    private readonly Channel<StreamMessage> _out;
    private int _closeCode;

    protected StreamConnection(int capacity, string address)
    {
        Address = address;
        _out = Channel.CreateBounded<StreamMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: we close rather than wait or drop silently
        });
    }

    public long Id { get; } = Interlocked.Increment(ref _nextId);
    public string Address { get; }

    /// <summary>The authenticated caller, once a token was accepted.</summary>
    public ApiCaller? Caller { get; internal set; }

    /// <summary>The token as presented, re-checked every second while the stream is open.</summary>
    internal string? PresentedToken { get; set; }

    /// <summary>Subscribed channel names (under the hub's lock).</summary>
    internal HashSet<string> Channels { get; } = new(StringComparer.Ordinal);

    /// <summary>The hub counted this connection toward the limits (under the hub's lock).</summary>
    internal bool Counted { get; set; }

    public bool IsClosing => Volatile.Read(ref _closeCode) != 0;
    public int CloseCode => Volatile.Read(ref _closeCode);
    public string CloseReason { get; private set; } = "";

    /// <summary>Finish sending what is queued before closing (an error followed by its close); otherwise the queue is dropped.</summary>
    protected bool DrainBeforeClose { get; private set; }

    protected ChannelReader<StreamMessage> Outbound => _out.Reader;

    /// <summary>Raised once, on the thread that closed it, with the reason (for metrics).</summary>
    internal Action<StreamConnection>? OnClosing { get; set; }

    /// <summary>Queues a message without ever waiting; false when closing or full (then it is closed 4408).</summary>
    public bool TryEnqueue(StreamMessage message)
    {
        if (IsClosing) return false;
        if (_out.Writer.TryWrite(message)) return true;
        Close(StreamClose.SlowConsumer, StreamClose.Slow);
        return false;
    }

    /// <summary>Closes once (later calls are ignored): the writer stops, then tells the client the code and reason.</summary>
    public void Close(int code, string reason, bool drain = false)
    {
        if (Interlocked.CompareExchange(ref _closeCode, code, 0) != 0) return;
        CloseReason = reason;
        DrainBeforeClose = drain;
        _out.Writer.TryComplete();
        OnClosing?.Invoke(this);
        OnClose();
    }

    /// <summary>What the transport does at once on close (e.g. cut a client that never takes its close frame).</summary>
    protected virtual void OnClose()
    {
    }
}
