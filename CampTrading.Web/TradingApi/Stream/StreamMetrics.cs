using System.Diagnostics.Metrics;

namespace CampTrading.Web.TradingApi.Stream;

/// <summary>The stream's instruments on /metrics (meter <see cref="MeterName"/>): open streams, subscriptions, messages sent, slow-consumer drops and closes by reason.</summary>
public sealed class StreamMetrics : IDisposable
{
    public const string MeterName = "CampTrading.Stream";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _slow;
    private readonly Counter<long> _closes;
    private int _connections;
    private int _subscriptions;

    public StreamMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("camp.stream.connections", () => Volatile.Read(ref _connections), "{connection}", "Open market-data streams (WebSocket and SSE).");
        _meter.CreateObservableGauge("camp.stream.subscriptions", () => Volatile.Read(ref _subscriptions), "{subscription}", "Channel subscriptions over all open streams.");
        _sent = _meter.CreateCounter<long>("camp.stream.messages.sent", "{message}", "Messages written to stream clients.");
        _slow = _meter.CreateCounter<long>("camp.stream.slow_consumer.drops", "{connection}", "Streams closed because their send buffer was full (4408 slow_consumer).");
        _closes = _meter.CreateCounter<long>("camp.stream.closes", "{connection}", "Streams closed by the server, by reason.");
    }

    public int Connections => Volatile.Read(ref _connections);
    private long _slowDrops;

    /// <summary>Slow consumers closed since start.</summary>
    public long SlowConsumerDrops => Interlocked.Read(ref _slowDrops);

    public void Opened() => Interlocked.Increment(ref _connections);
    public void Ended() => Interlocked.Decrement(ref _connections);
    public void Subscribed(int delta) => Interlocked.Add(ref _subscriptions, delta);
    public void Sent(int count = 1) => _sent.Add(count);

    public void Closed(string reason)
    {
        if (reason == StreamClose.Slow)
        {
            Interlocked.Increment(ref _slowDrops);
            _slow.Add(1);
        }
        _closes.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    public void Dispose() => _meter.Dispose();
}
