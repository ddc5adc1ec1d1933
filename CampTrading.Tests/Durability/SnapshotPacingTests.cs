using System.Threading.Channels;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;

namespace CampTrading.Tests.Durability;

/// <summary>
/// A snapshot grows with the camp's history (every arcade transaction is remembered), so after N commands the next one
/// also waits for the journal to take as many bytes as the last snapshot held (decision 0042).
/// </summary>
public sealed class SnapshotPacingTests
{
    private const long Every = 10;
    private static readonly string TickJson = CommandSerializer.Serialize(new Tick());

    [Theory]
    [InlineData(109, new long[] { 10 })]      // 99 commands since: due by count, not by size
    [InlineData(110, new long[] { 10, 110 })] // 100 commands' bytes: as many as the last snapshot held
    public async Task After_a_large_snapshot_the_next_waits_until_the_journal_has_taken_as_many_bytes(long last, long[] saved)
    {
        var journal = new MemoryJournal();
        var store = new SizedStore(size: 100 * TickJson.Length);
        var snapshotter = new Snapshotter(journal, store, new EngineSettings(), Every);
        await CommitAsync(snapshotter, journal, 1, 10);
        Assert.Equal(10, await store.NextSaveAsync()); // the first is due by count alone

        await CommitAsync(snapshotter, journal, 11, last);
        await snapshotter.StopAsync(); // the loop takes what was handed over, then stops

        Assert.Null(snapshotter.LastError);
        Assert.Equal(saved, store.Saved);
    }

    [Fact]
    public async Task A_copy_dropped_after_a_journal_gap_is_rebuilt_when_due_by_count_whatever_the_last_size()
    {
        var journal = new MemoryJournal();
        var store = new SizedStore(size: 1_000_000);
        var snapshotter = new Snapshotter(journal, store, new EngineSettings(), Every);
        await CommitAsync(snapshotter, journal, 1, 10);
        Assert.Equal(10, await store.NextSaveAsync());

        // The sequencer hands over 12..25 without 11: the copy cannot follow and is dropped.
        JournalEntry[] batch = [.. Enumerable.Range(12, 14).Select(seq => Entry(seq))];
        await journal.AppendAsync([Entry(11), .. batch], CancellationToken.None);
        snapshotter.OnCommitted(batch);
        await snapshotter.StopAsync();

        Assert.Equal([10, 25], store.Saved); // rebuilt from the journal after 15 commands, far fewer bytes than 1 MB
        Assert.Null(snapshotter.LastError);
    }

    private static JournalEntry Entry(long seq) => new(seq, seq * TimeSpan.TicksPerSecond, new Tick(), TickJson);

    /// <summary>Appends and hands over <paramref name="first"/>..<paramref name="last"/>, one batch per command, as the sequencer does.</summary>
    private static async Task CommitAsync(Snapshotter snapshotter, MemoryJournal journal, long first, long last)
    {
        for (var seq = first; seq <= last; seq++)
        {
            var entry = Entry(seq);
            await journal.AppendAsync([entry], CancellationToken.None);
            snapshotter.OnCommitted([entry]);
        }
    }

    /// <summary>Keeps nothing but the seqs saved, and reports every snapshot as <paramref name="size"/> bytes.</summary>
    private sealed class SizedStore(long size) : ISnapshotStore
    {
        private readonly Channel<long> _saves = Channel.CreateUnbounded<long>();
        public List<long> Saved { get; } = [];

        public Task<long> SaveAsync(EngineSnapshot snapshot, CancellationToken cancellationToken)
        {
            lock (Saved) Saved.Add(snapshot.Seq);
            _saves.Writer.TryWrite(snapshot.Seq);
            return Task.FromResult(size);
        }

        public Task<EngineSnapshot?> LoadLatestAsync(long maxSeq, CancellationToken cancellationToken) => Task.FromResult<EngineSnapshot?>(null);

        public async Task<long> NextSaveAsync() => await _saves.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
