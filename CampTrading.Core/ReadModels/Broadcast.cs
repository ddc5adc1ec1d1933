using System.Threading.Channels;

namespace CampTrading.Core.ReadModels;

/// <summary>
/// Fan-out to many subscribers through bounded buffers. A slow subscriber loses its oldest
/// messages (it re-reads current views anyway); it can never slow the publisher.
/// </summary>
public sealed class Broadcast<T>
{
    private readonly object _gate = new();
    private Channel<T>[] _subscribers = [];

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public void Publish(T message)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers)) subscriber.Writer.TryWrite(message);
    }

    public Subscription Subscribe(int capacity = 64)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate) _subscribers = [.. _subscribers, channel];
        return new Subscription(this, channel);
    }

    private void Remove(Channel<T> channel)
    {
        lock (_gate) _subscribers = _subscribers.Where(c => c != channel).ToArray();
        channel.Writer.TryComplete();
    }

    public sealed class Subscription(Broadcast<T> owner, Channel<T> channel) : IDisposable
    {
        public ChannelReader<T> Reader => channel.Reader;
        public void Dispose() => owner.Remove(channel);
    }
}
