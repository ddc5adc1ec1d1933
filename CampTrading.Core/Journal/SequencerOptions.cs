namespace CampTrading.Core.Journal;

public sealed record SequencerOptions
{
    /// <summary>Most commands written to the journal in one round trip.</summary>
    public int MaxBatch { get; init; } = 2_000;
    /// <summary>Commands waiting beyond this are refused at submission (back-pressure).</summary>
    public int QueueCapacity { get; init; } = 100_000;
}
