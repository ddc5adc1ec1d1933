using System.Diagnostics;
using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Components;

/// <summary>
/// The one way a screen follows a <see cref="Broadcast{T}"/>: the changes it cares about are drawn at most about once per
/// <see cref="Frame"/>. The first change after a quiet spell is drawn at once; changes that follow a draw wait for the next
/// tick of one process-wide frame clock and are drawn together. A busy market thus costs each open page a bounded number of
/// renders per second however many orders arrive, and thousands of pages wait on one shared tick rather than a timer each
/// (docs/decisions/0026-circuits-at-camp-scale.md), while a lone trade still shows at once.
/// </summary>
public static class ScreenUpdates
{
    public static TimeSpan Frame { get; } = TimeSpan.FromMilliseconds(100);

    private static TaskCompletionSource _nextTick = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static ScreenUpdates() => _ = TickAsync();

    /// <summary>Completes at the frame clock's next tick.</summary>
    public static Task NextTick => Volatile.Read(ref _nextTick).Task;

    /// <summary>
    /// Reads <paramref name="subscription"/> until it completes or <paramref name="cancellationToken"/> fires, handing each
    /// frame's relevant changes to <paramref name="draw"/> (which gets onto the renderer's context itself); disposes the
    /// subscription at the end. Cancellation surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task FollowAsync<T>(Broadcast<T>.Subscription subscription, Func<T, bool> touches, Func<IReadOnlyList<T>, Task> draw,
        CancellationToken cancellationToken)
    {
        using (subscription)
        {
            var reader = subscription.Reader;
            var lastDrawn = 0L;
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                if (Stopwatch.GetElapsedTime(lastDrawn) < Frame)
                {
                    await NextTick;
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var relevant = new List<T>();
                while (reader.TryRead(out var change))
                    if (touches(change)) relevant.Add(change);
                if (relevant.Count == 0) continue;
                await draw(relevant);
                lastDrawn = Stopwatch.GetTimestamp();
            }
        }
    }

    private static async Task TickAsync()
    {
        using var timer = new PeriodicTimer(Frame);
        while (await timer.WaitForNextTickAsync())
            Interlocked.Exchange(ref _nextTick, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
    }
}
