using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace CampTrading.Web.LiveMarket;

/// <summary>
/// One shared picture of the market (an instrument's trade page, the board) and the pages that follow it. Its frame is
/// written once when what it shows has changed and the same bytes are offered to every follower; a follower whose
/// socket is still busy with an earlier frame keeps only the newest one, so a slow phone skips frames and never holds up
/// the others.
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

    /// <summary>A new follower writing to <paramref name="output"/> (a response's body), given the current frame at once.</summary>
    public LiveFollower Follow(PipeWriter output)
    {
        var follower = new LiveFollower(this, output);
        lock (_gate)
        {
            follower.Offer(CurrentFrame());
            _followers = [.. _followers, follower];
        }
        return follower;
    }

    /// <summary>The current frame's JSON, shared with the stream's followers (built only if the picture changed since).</summary>
    public string CurrentJson()
    {
        byte[] frame;
        lock (_gate) frame = CurrentFrame();
        return System.Text.Encoding.UTF8.GetString(frame.AsSpan(6, frame.Length - 8)); // without "data: " and "\n\n"
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

/// <summary>
/// One page following a <see cref="LiveTopic"/>: frames are written straight into its response's pipe by whoever publishes
/// them, with no task of its own per frame (thousands of phones, ten frames a second). While the socket has not taken the
/// last flush, only the newest frame offered meanwhile is kept, and written when it has.
/// </summary>
public sealed class LiveFollower(LiveTopic topic, PipeWriter output) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task? _flushing;
    private byte[]? _waiting;
    private bool _closed;

    /// <summary>Frames written to the pipe (skipped ones not counted).</summary>
    public long Written { get; private set; }

    /// <summary>Completes when the page is gone: the socket refused a write.</summary>
    public Task Gone => _gone.Task;

    private readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void Offer(byte[] frame)
    {
        lock (_gate)
        {
            if (_closed) return;
            if (_flushing is not null) _waiting = frame; // the socket is busy: the newest frame replaces any waiting one
            else Write(frame);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> only if the socket is idle and nothing waits: a keep-alive must never replace a frame.</summary>
    internal void OfferIfIdle(byte[] bytes)
    {
        lock (_gate)
            if (!_closed && _flushing is null) Write(bytes);
    }

    // Under the lock.
    private void Write(byte[] frame)
    {
        try
        {
            output.Write(frame);
            Written++;
            var flush = output.FlushAsync();
            if (flush.IsCompleted)
            {
                if (flush.Result is { IsCompleted: true } or { IsCanceled: true }) Close();
                return;
            }
            // Busy until the socket takes it; the continuation never runs inline, so _flushing is set before it can clear it.
            var pending = flush.AsTask();
            _flushing = pending;
            pending.ContinueWith(static (done, state) => ((LiveFollower)state!).Flushed(done), this, CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or IOException)
        {
            Close();
        }
    }

    private void Flushed(Task<FlushResult> flush)
    {
        var gone = !flush.IsCompletedSuccessfully || flush.Result.IsCompleted || flush.Result.IsCanceled;
        lock (_gate)
        {
            _flushing = null;
            if (gone) Close();
            else if (_waiting is { } next && !_closed)
            {
                _waiting = null;
                Write(next);
            }
        }
    }

    // Under the lock.
    private void Close()
    {
        _closed = true;
        _waiting = null;
        _gone.TrySetResult();
    }

    /// <summary>Stops following; returns once no write into the pipe is under way, so the response can end safely.</summary>
    public async ValueTask DisposeAsync()
    {
        topic.Leave(this);
        Task? flushing;
        lock (_gate)
        {
            _closed = true;
            _waiting = null;
            flushing = _flushing;
        }
        if (flushing is null) return;
        output.CancelPendingFlush(); // a phone that stopped reading must not hold the response open
        try
        {
            await flushing;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // the socket is gone: nothing more is written
        }
    }
}
