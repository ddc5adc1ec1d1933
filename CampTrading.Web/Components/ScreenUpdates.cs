namespace CampTrading.Web.Components;

/// <summary>
/// The process-wide frame clock of every live screen (<see cref="CircuitFrame"/>): a circuit draws at most about once per
/// <see cref="Frame"/>, and thousands of circuits wait on one shared tick rather than a timer each
/// (docs/decisions/0026-circuits-at-camp-scale.md).
/// </summary>
public static class ScreenUpdates
{
    public static TimeSpan Frame { get; } = TimeSpan.FromMilliseconds(100);

    private static TaskCompletionSource _nextTick = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static ScreenUpdates() => _ = TickAsync();

    private static long _tick;

    /// <summary>How many ticks the clock has made: two readings that are equal fall in the same frame.</summary>
    public static long Tick => Interlocked.Read(ref _tick);

    /// <summary>Completes at the frame clock's next tick.</summary>
    public static Task NextTick => Volatile.Read(ref _nextTick).Task;

    private static async Task TickAsync()
    {
        using var timer = new PeriodicTimer(Frame);
        while (await timer.WaitForNextTickAsync())
        {
            Interlocked.Increment(ref _tick);
            Interlocked.Exchange(ref _nextTick, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
        }
    }
}
