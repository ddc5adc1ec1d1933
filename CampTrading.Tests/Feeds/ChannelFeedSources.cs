using System.Threading.Channels;
using CampTrading.Web.Feeds.Sources;

namespace CampTrading.Tests.Feeds;

/// <summary>
/// A feed source factory whose prices the test writes: each symbol reads one channel. <see cref="Break"/> fails the current
/// reader (as a dropped connection would) and gives the next source a fresh channel.
/// </summary>
internal sealed class ChannelFeedSources : IFeedSourceFactory
{
    private readonly Dictionary<string, Channel<FeedTick>> _channels = new(StringComparer.OrdinalIgnoreCase);
    private int _created;

    public int Created => Volatile.Read(ref _created);

    public IFeedSource Create(FeedSourceSpec spec)
    {
        if (spec.Kind != "channel") throw new ArgumentException($"unknown feed kind {spec.Kind}", nameof(spec));
        Interlocked.Increment(ref _created);
        return new Source(ChannelOf(spec.Symbol));
    }

    public void Write(string symbol, decimal price) =>
        Assert.True(ChannelOf(symbol).Writer.TryWrite(new FeedTick(symbol, price, DateTimeOffset.UtcNow)));

    public void Break(string symbol)
    {
        lock (_channels)
        {
            var old = ChannelOf(symbol);
            _channels[symbol] = Channel.CreateUnbounded<FeedTick>();
            old.Writer.TryComplete(new IOException("connection dropped"));
        }
    }

    private Channel<FeedTick> ChannelOf(string symbol)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(symbol, out var channel)) _channels[symbol] = channel = Channel.CreateUnbounded<FeedTick>();
            return channel;
        }
    }

    private sealed class Source(Channel<FeedTick> channel) : IFeedSource
    {
        public IAsyncEnumerable<FeedTick> ReadAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
    }
}
