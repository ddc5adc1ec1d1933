using CampTrading.Core.Engine;

namespace CampTrading.Core.Journal;

/// <summary>A command as the sequencer stamped it: the unit of the journal.</summary>
/// <param name="Payload">The command as JSON (<see cref="CommandSerializer.Serialize"/>) when the submitter already made it; else the journal does.</param>
public readonly record struct JournalEntry(long Seq, long Time, Command Command, string? Payload = null)
{
    public string Json => Payload ?? CommandSerializer.Serialize(Command);
}

/// <summary>The durable, append-only log of commands. The source of truth for engine state.</summary>
public interface IJournal
{
    /// <summary>
    /// Appends a batch in one round trip; completes only once it is durable. A retry of a batch that an unclear
    /// failure may have written anyway succeeds when the journal holds exactly these entries. Throws
    /// <see cref="JournalPermanentException"/> when the batch can never be written as it is (nothing was written),
    /// <see cref="JournalConflictException"/> when a sequence number is taken by a different entry (another
    /// writer: fatal), and anything else for failures that may pass (connection lost, server restarting).
    /// </summary>
    Task AppendAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken);

    /// <summary>Every entry with a sequence number above <paramref name="afterSeq"/>, in order.</summary>
    IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, CancellationToken cancellationToken);
}

public interface ISnapshotStore
{
    /// <summary>Saves the snapshot; returns its size in bytes of JSON (before any compression), which paces the next one.</summary>
    Task<long> SaveAsync(EngineSnapshot snapshot, CancellationToken cancellationToken);
    /// <summary>The newest snapshot at or before <paramref name="maxSeq"/>.</summary>
    Task<EngineSnapshot?> LoadLatestAsync(long maxSeq, CancellationToken cancellationToken);
}

/// <summary>Sees every applied batch on the engine thread, after it is durable. Must be quick and never throw.</summary>
public interface IEngineObserver
{
    void OnBatch(ExchangeEngine engine, ReadOnlySpan<EngineEvent> events);
}

/// <summary>The journal refused a batch for a reason a retry cannot cure (an encoding or constraint error): nothing was written.</summary>
public sealed class JournalPermanentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A sequence number of the batch already holds a different entry: another writer appended to this journal.</summary>
public sealed class JournalConflictException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The exchange cannot take or confirm commands now (stopping, standby, journal unwritable at shutdown, lock lost).</summary>
public sealed class ExchangeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
