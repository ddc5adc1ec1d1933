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

    /// <summary>
    /// Completes once the frame of <paramref name="drawnTick"/> (a <see cref="Tick"/> read when something was drawn) is over:
    /// at once if the clock has moved on since, else at the next tick. At most one draw per frame waits on this.
    /// </summary>
    public static Task FrameAfter(long drawnTick)
    {
        var next = NextTick; // taken before the tick is read: a tick in between is never waited for twice
        return Tick == drawnTick ? next : Task.CompletedTask;
    }

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
