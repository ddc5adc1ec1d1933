using System.Runtime.CompilerServices;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;

namespace CampTrading.Tests.Support;

/// <summary>
/// A journal kept in a list, for unit tests of services over a real sequencer and engine where durability is not what is
/// tested. Integration tests use <see cref="PostgresFixture"/> and the real PostgreSQL journal instead.
/// </summary>
public sealed class MemoryJournal : IJournal
{
    private readonly List<JournalEntry> _entries = [];

    /// <summary>Every command appended so far, in seq order.</summary>
    public IReadOnlyList<Command> Commands
    {
        get { lock (_entries) return _entries.Select(e => e.Command).ToArray(); }
    }

    public Task AppendAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken)
    {
        lock (_entries) _entries.AddRange(batch);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JournalEntry[] copy;
        lock (_entries) copy = [.. _entries.Where(e => e.Seq > afterSeq)];
        foreach (var entry in copy) yield return entry;
        await Task.CompletedTask;
    }
}
