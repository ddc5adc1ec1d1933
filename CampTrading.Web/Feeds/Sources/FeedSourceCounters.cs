namespace CampTrading.Web.Feeds.Sources;

/// <summary>What a source has seen since it was created; safe to read from any thread while it runs.</summary>
public sealed class FeedSourceCounters
{
    private long _ticks, _notPrices, _otherSymbols, _malformed, _badPrices, _oversized, _connections, _connectFailures;

    public long Ticks => Interlocked.Read(ref _ticks);
    public long NotPrices => Interlocked.Read(ref _notPrices);
    public long OtherSymbols => Interlocked.Read(ref _otherSymbols);
    public long Malformed => Interlocked.Read(ref _malformed);
    public long BadPrices => Interlocked.Read(ref _badPrices);
    public long Oversized => Interlocked.Read(ref _oversized);

    /// <summary>Connections opened (a live source); the first is not a reconnect.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Messages ignored because they could not be trusted (malformed, bad price, oversized).</summary>
    public long Rejected => Malformed + BadPrices + Oversized;

    internal void Count(FeedMessageOutcome outcome)
    {
        switch (outcome)
        {
            case FeedMessageOutcome.Tick: Interlocked.Increment(ref _ticks); break;
            case FeedMessageOutcome.NotAPrice: Interlocked.Increment(ref _notPrices); break;
            case FeedMessageOutcome.OtherSymbol: Interlocked.Increment(ref _otherSymbols); break;
            case FeedMessageOutcome.Malformed: Interlocked.Increment(ref _malformed); break;
            case FeedMessageOutcome.BadPrice: Interlocked.Increment(ref _badPrices); break;
            case FeedMessageOutcome.Oversized: Interlocked.Increment(ref _oversized); break;
        }
    }

    internal void Connected() => Interlocked.Increment(ref _connections);

    internal void ConnectFailed() => Interlocked.Increment(ref _connectFailures);
}
