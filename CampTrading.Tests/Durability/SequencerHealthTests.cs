using CampTrading.Core.Engine;
using CampTrading.Core.Journal;

namespace CampTrading.Tests.Durability;

/// <summary>What the sequencer reports about itself (GET /health's engine part) never lags behind what it has acknowledged.</summary>
public sealed class SequencerHealthTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_caller_that_has_its_acknowledgment_reads_a_last_seq_at_least_its_commands()
    {
        await using var sequencer = new Sequencer(new ExchangeEngine(), new MemoryJournal(), null, TimeProvider.System, new SequencerOptions(), []);
        sequencer.Start();

        // The submitter's continuations run inline, on the sequencer's own thread, the instant its command is acknowledged:
        // the earliest moment any caller (an HTTP response, then a health probe) can act on the acknowledgment.
        var seen = new TaskCompletionSource<(long Acknowledged, long Reported)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new InlineContext());
        try
        {
            _ = Submit();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        var (acknowledged, reported) = await seen.Task.WaitAsync(Generous);
        Assert.Equal(1, acknowledged);
        Assert.True(reported >= acknowledged, $"health reported lastSeq {reported} to a caller holding the acknowledgment of seq {acknowledged}");

        async Task Submit()
        {
            var ack = await sequencer.SubmitTrackedAsync(new OpenAccount("first"));
            seen.TrySetResult((ack.Seq, sequencer.Health.LastSeq));
        }
    }

    /// <summary>Runs every posted continuation at once, on the posting thread.</summary>
    private sealed class InlineContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => d(state);
    }
}
