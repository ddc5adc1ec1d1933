namespace CampTrading.ComponentTests.Support;

/// <summary>A fixed clock that also counts the timers made from it: a component that should not tick on the server makes none.</summary>
public sealed class TimerCountingTime(DateTimeOffset now) : TimeProvider
{
    public int TimersCreated { get; private set; }

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TimersCreated++;
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
