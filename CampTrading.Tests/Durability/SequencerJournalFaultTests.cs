using System.Runtime.CompilerServices;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Ledger;

namespace CampTrading.Tests.Durability;

/// <summary>The sequencer never wedges on its journal: poison is isolated, transient failures retried, a stop while down is prompt.</summary>
public sealed class SequencerJournalFaultTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_permanent_error_for_one_entry_fails_only_that_command_and_the_rest_of_the_batch_is_journaled_without_gaps()
    {
        var journal = new ScriptedJournal { Poison = c => c is OpenAccount { Name: "poison" } };
        await using var sequencer = new Sequencer(new ExchangeEngine(), journal, null, TimeProvider.System, new SequencerOptions(), []);
        sequencer.Start();

        journal.Hold(); // the first batch waits, so the next one holds all of the commands below
        var first = sequencer.SubmitTrackedAsync(new OpenAccount("first"));
        await journal.Holding.Task.WaitAsync(Generous);
        var names = Enumerable.Range(0, 40).Select(i => i == 17 ? "poison" : $"s{i}").ToList();
        var pending = names.Select(n => sequencer.SubmitTrackedAsync(new OpenAccount(n))).ToList();
        Assert.Equal(names.Count, sequencer.QueueLength); // queued synchronously: one batch once released
        journal.Release();

        var acks = await Task.WhenAll(pending).WaitAsync(Generous);
        Assert.True((await first).Result.IsOk);
        Assert.Equal((0L, RejectCode.JournalRejected), (acks[17].Seq, acks[17].Result.Code));
        Assert.All(acks.Where((_, i) => i != 17), a => Assert.True(a.Result.IsOk));
        Assert.Equal(Enumerable.Range(1, names.Count).Select(i => (long)i), journal.Entries.Select(e => e.Seq));
        Assert.Equal(acks.Where(a => a.Result.IsOk).Select(a => a.Seq).Order(), journal.Entries.Skip(1).Select(e => e.Seq));
        Assert.DoesNotContain(journal.Entries, e => e.Command is OpenAccount { Name: "poison" });
        Assert.Equal(1, sequencer.Health.JournalRejected);
        Assert.Empty(await sequencer.ReadAsync(InvariantChecker.Check));
        Assert.Equal(names.Count, (await sequencer.SubmitTrackedAsync(new OpenAccount("after"))).Seq - 1);
    }

    [Fact]
    public async Task A_transient_error_is_retried_until_the_write_succeeds()
    {
        var journal = new ScriptedJournal { FailuresLeft = 3 };
        await using var sequencer = new Sequencer(new ExchangeEngine(), journal, null, TimeProvider.System, new SequencerOptions(), []);
        sequencer.Start();

        var ack = await sequencer.SubmitTrackedAsync(new OpenAccount("alice")).WaitAsync(Generous);

        Assert.Equal((1L, RejectCode.None), (ack.Seq, ack.Result.Code));
        Assert.Equal(3, sequencer.Health.JournalFailures);
        Assert.Null(sequencer.Health.JournalUnwritableSince);
        Assert.Single(journal.Entries);
    }

    [Fact]
    public async Task Stopping_while_the_journal_is_down_completes_and_fails_the_waiting_callers()
    {
        var journal = new ScriptedJournal { FailuresLeft = int.MaxValue };
        var sequencer = new Sequencer(new ExchangeEngine(), journal, null, TimeProvider.System,
            new SequencerOptions { StopGrace = TimeSpan.FromMilliseconds(200) }, []);
        sequencer.Start();
        var waiting = sequencer.SubmitAsync(new OpenAccount("alice"));
        var read = sequencer.ReadAsync(e => e.LastSeq);
        while (sequencer.Health.JournalUnwritableSince is null) await Task.Delay(10);

        await sequencer.DisposeAsync().AsTask().WaitAsync(Generous);

        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => waiting.WaitAsync(Generous));
        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => read.WaitAsync(Generous));
        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => sequencer.SubmitAsync(new OpenAccount("late")));
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public async Task A_taken_sequence_number_stops_the_sequencer_and_nothing_is_acknowledged()
    {
        var journal = new ScriptedJournal { Conflict = true };
        await using var sequencer = new Sequencer(new ExchangeEngine(), journal, null, TimeProvider.System, new SequencerOptions(), []);
        sequencer.Start();

        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => sequencer.SubmitAsync(new OpenAccount("alice")).WaitAsync(Generous));
        await Assert.ThrowsAsync<JournalConflictException>(() => sequencer.Completion.WaitAsync(Generous));
        Assert.NotNull(sequencer.Health.Fatal);
        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => sequencer.SubmitAsync(new OpenAccount("bob")));
    }

    [Fact]
    public async Task A_fenced_sequencer_takes_no_more_commands()
    {
        var journal = new ScriptedJournal();
        await using var sequencer = new Sequencer(new ExchangeEngine(), journal, null, TimeProvider.System, new SequencerOptions(), []);
        sequencer.Start();
        Assert.True((await sequencer.SubmitAsync(new OpenAccount("alice"))).IsOk);

        sequencer.Fence("the writer lock was lost");

        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => sequencer.SubmitAsync(new OpenAccount("bob")));
        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => sequencer.Completion.WaitAsync(Generous));
        Assert.Single(journal.Entries);
    }

    /// <summary>A journal in memory whose failures the test scripts.</summary>
    private sealed class ScriptedJournal : IJournal
    {
        private TaskCompletionSource? _gate;
        public List<JournalEntry> Entries { get; } = [];
        public Func<Command, bool> Poison { get; init; } = _ => false;
        public int FailuresLeft { get; set; }
        public bool Conflict { get; init; }
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        public void Release() => _gate!.TrySetResult();

        public async Task AppendAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken)
        {
            if (_gate is { } gate)
            {
                Holding.TrySetResult();
                await gate.Task;
                _gate = null;
            }
            if (Conflict) throw new JournalConflictException("seq taken");
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new IOException("connection refused");
            }
            if (batch.Any(e => Poison(e.Command))) throw new JournalPermanentException("22P05: unsupported Unicode escape sequence");
            Entries.AddRange(batch);
        }

        public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
