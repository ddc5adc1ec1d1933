using CampTrading.Core.Engine;

namespace CampTrading.Core.Journal;

/// <summary>A command as the sequencer stamped it: the unit of the journal.</summary>
public readonly record struct JournalEntry(long Seq, long Time, Command Command);

/// <summary>The durable, append-only log of commands. The source of truth for engine state.</summary>
public interface IJournal
{
    /// <summary>Appends a batch in one round trip; completes only once it is durable. Idempotent per seq.</summary>
    Task AppendAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken);

    /// <summary>Every entry with a sequence number above <paramref name="afterSeq"/>, in order.</summary>
    IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, CancellationToken cancellationToken);
}

public interface ISnapshotStore
{
    Task SaveAsync(EngineSnapshot snapshot, CancellationToken cancellationToken);
    /// <summary>The newest snapshot at or before <paramref name="maxSeq"/>.</summary>
    Task<EngineSnapshot?> LoadLatestAsync(long maxSeq, CancellationToken cancellationToken);
}

/// <summary>Sees every applied batch on the engine thread, after it is durable. Must be quick and never throw.</summary>
public interface IEngineObserver
{
    void OnBatch(ExchangeEngine engine, ReadOnlySpan<EngineEvent> events);
}
