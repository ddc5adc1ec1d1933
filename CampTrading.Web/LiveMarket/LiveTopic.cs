using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;

namespace CampTrading.Web.LiveMarket;

/// <summary>
/// One shared picture of the market (an instrument's trade page, the board) and the pages that follow it. Its frame is
/// written once when what it shows has changed and the same bytes are offered to every follower; each follower keeps only
/// the newest frame it has not sent yet, so a slow phone skips frames and never holds up the others.
/// </summary>
public sealed class LiveTopic(string name, Func<object?> version, Action<Utf8JsonWriter> write)
{
    private readonly Lock _gate = new();
    private LiveFollower[] _followers = [];
    private object? _version;
    private byte[]? _frame;
    private long _lastOffered;

    private static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();

    public string Name => name;

    public int FollowerCount => Volatile.Read(ref _followers).Length;

    /// <summary>A new follower, given the current frame at once.</summary>
    public LiveFollower Follow()
    {
        var follower = new LiveFollower(this);
        lock (_gate)
        {
            follower.Offer(CurrentFrame());
            _followers = [.. _followers, follower];
        }
        return follower;
    }

    internal void Leave(LiveFollower follower)
    {
        lock (_gate) _followers = Array.FindAll(_followers, f => f != follower);
    }

    /// <summary>If what the topic shows has changed since its last frame, writes a new one and offers it to every follower.</summary>
    public bool Publish()
    {
        LiveFollower[] followers;
        byte[] frame;
        lock (_gate)
        {
            if (_followers.Length == 0)
            {
                _frame = null; // nobody reads it: written again when someone follows
                return false;
            }
            if (_frame is not null && Equals(version(), _version)) return false;
            frame = CurrentFrame();
            followers = _followers;
        }
        foreach (var follower in followers) follower.Offer(frame);
        Volatile.Write(ref _lastOffered, Environment.TickCount64);
        return true;
    }

    /// <summary>A comment line to every follower if nothing was sent for <paramref name="quiet"/>: a dead socket shows up at the write.</summary>
    public void KeepAlive(TimeSpan quiet)
    {
        if (Environment.TickCount64 - Volatile.Read(ref _lastOffered) < quiet.TotalMilliseconds) return;
        foreach (var follower in Volatile.Read(ref _followers)) follower.OfferIfIdle(KeepAliveComment);
        Volatile.Write(ref _lastOffered, Environment.TickCount64);
    }

    private byte[] CurrentFrame()
    {
        var now = version();
        if (_frame is not null && Equals(now, _version)) return _frame;
        _version = now;
        return _frame = Encode(write);
    }

    /// <summary>The frame as one Server-Sent Event: <c>data: {json}\n\n</c> (the JSON has no line breaks).</summary>
    private static byte[] Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        buffer.Write("data: "u8);
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>One page following a <see cref="LiveTopic"/>: the newest frame not yet sent to it.</summary>
public sealed class LiveFollower(LiveTopic topic) : IDisposable
{
    private readonly Channel<byte[]> _frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public ChannelReader<byte[]> Frames => _frames.Reader;

    internal void Offer(byte[] frame) => _frames.Writer.TryWrite(frame);

    /// <summary>Offers <paramref name="bytes"/> only if no frame waits: a keep-alive must never replace one.</summary>
    internal void OfferIfIdle(byte[] bytes)
    {
        if (_frames.Reader.Count == 0) _frames.Writer.TryWrite(bytes);
    }

    public void Dispose() => topic.Leave(this);
}
