using System.Threading.Channels;

namespace CampTrading.Core.ReadModels;

/// <summary>
/// Fan-out to many subscribers through bounded buffers. A slow subscriber loses its oldest
/// messages (it re-reads current views anyway); it can never slow the publisher. A subscriber may
/// say which messages it wants: the publisher asks before writing, so thousands of live pages that
/// do not care about a message are neither written to nor woken (docs/decisions/0043).
/// </summary>
public sealed class Broadcast<T>
{
    private readonly object _gate = new();
    private Subscriber[] _subscribers = [];

    private sealed record Subscriber(Channel<T> Channel, Func<T, bool>? Wants);

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public void Publish(T message)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            if (Wanted(subscriber, message)) subscriber.Channel.Writer.TryWrite(message);
    }

    /// <summary>
    /// A subscription; <paramref name="wants"/>, if given, runs on the publisher's thread for every message, so it must be
    /// cheap and safe to call from there (it reads only immutable views and fields that are replaced whole).
    /// </summary>
    public Subscription Subscribe(int capacity = 64, Func<T, bool>? wants = null)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate) _subscribers = [.. _subscribers, new Subscriber(channel, wants)];
        return new Subscription(this, channel);
    }

    /// <summary>A filter that throws is treated as wanting the message: the subscriber's own reading will see the error.</summary>
    private static bool Wanted(Subscriber subscriber, T message)
    {
        if (subscriber.Wants is not { } wants) return true;
        try
        {
            return wants(message);
        }
        catch (Exception)
        {
            return true;
        }
    }

    private void Remove(Channel<T> channel)
    {
        lock (_gate)
        {
            // Thousands of circuits can close at once (a network blip, the end of the day): one copy, no per-element delegate.
            var subscribers = _subscribers;
            var index = 0;
            while (index < subscribers.Length && subscribers[index].Channel != channel) index++;
            if (index < subscribers.Length) _subscribers = [.. subscribers.AsSpan(0, index), .. subscribers.AsSpan(index + 1)];
        }
        channel.Writer.TryComplete();
    }

    public sealed class Subscription(Broadcast<T> owner, Channel<T> channel) : IDisposable
    {
        public ChannelReader<T> Reader => channel.Reader;
        public void Dispose() => owner.Remove(channel);
    }
}
