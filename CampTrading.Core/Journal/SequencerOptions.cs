namespace CampTrading.Core.Journal;

public sealed record SequencerOptions
{
    /// <summary>Most commands written to the journal in one round trip.</summary>
    public int MaxBatch { get; init; } = 2_000;
    /// <summary>Commands waiting beyond this are refused at submission (back-pressure).</summary>
    public int QueueCapacity { get; init; } = 100_000;
    /// <summary>A command whose JSON is longer than this (UTF-16 units) is refused as command_too_large before it is queued.</summary>
    public int MaxCommandChars { get; init; } = 1 << 20;
    /// <summary>On shutdown, how long to keep retrying a journal that cannot be written before failing the waiting callers.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>The longest pause between retries of a journal write that failed transiently.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);
}
