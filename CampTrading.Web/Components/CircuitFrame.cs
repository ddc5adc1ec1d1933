using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using CampTrading.Core.ReadModels;
using Microsoft.AspNetCore.Components;

namespace CampTrading.Web.Components;

/// <summary>
/// One per circuit: how every live component of a page follows its <see cref="Broadcast{T}"/>. The changes are drawn at
/// most about once per <see cref="ScreenUpdates.Frame"/> per circuit: the first change after a quiet spell at once, later
/// ones at the next tick of the shared frame clock, when every follower of the circuit is drained together. With a
/// <see cref="FrameHost"/> on the page (the layouts have one) that frame's draws all run inside one render, so a trade that
/// moves the book, the tape, the chart and the header reaches the phone as one render batch, not one per component
/// (docs/decisions/0027-one-render-batch-per-frame.md). Without a host (component tests, a page between layouts) each
/// follower draws on its own component's context.
/// </summary>
public sealed class CircuitFrame
{
    private readonly Lock _gate = new();
    private readonly Lock _taking = new(); // one frame drains the followers at a time (fallback frames run off the renderer's context)
    private readonly List<IFollower> _followers = [];
    private readonly List<Action> _due = [];
    private TaskCompletionSource _nextFlush = NewFlush();
    private bool _flushScheduled;
    private long _lastDrawnTick = -1;
    private FrameHost? _host;

    /// <summary>How many frames drew something (tests read it).</summary>
    public int FramesDrawn { get; private set; }

    /// <summary>
    /// Reads <paramref name="subscription"/> until it completes or <paramref name="cancellationToken"/> fires, handing each
    /// frame's changes that <paramref name="touches"/> to <paramref name="draw"/>, which runs on the renderer's context
    /// (<paramref name="invoke"/> is the component's own way there, used when no host is on the page). One draw at a time;
    /// a draw's failure ends the following with that exception; the subscription is disposed at the end.
    /// <paramref name="wanted"/>, asked on the renderer's context just before the frame would draw, can decline a frame's
    /// changes (nothing the component shows would change): if every follower declines, the frame renders nothing and
    /// sends no batch.
    /// </summary>
    public async Task FollowAsync<T>(Broadcast<T>.Subscription subscription, Func<T, bool> touches, Func<IReadOnlyList<T>, Task> draw,
        Func<Func<Task>, Task> invoke, CancellationToken cancellationToken, Func<IReadOnlyList<T>, bool>? wanted = null)
    {
        using (subscription)
        using (var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var follower = new Follower<T>(subscription.Reader, touches, draw, invoke, following, wanted);
            lock (_gate) _followers.Add(follower);
            try
            {
                while (await subscription.Reader.WaitToReadAsync(following.Token))
                {
                    await follower.Drawn.WaitAsync(following.Token);
                    await RequestFlushAsync().WaitAsync(following.Token);
                    following.Token.ThrowIfCancellationRequested();
                }
            }
            catch (OperationCanceledException) when (follower.Failure is { } failure)
            {
                failure.Throw();
            }
            finally
            {
                lock (_gate) _followers.Remove(follower);
            }
        }
    }

    internal void Attach(FrameHost host)
    {
        lock (_gate) _host = host;
    }

    /// <summary>On the renderer's context, as the host goes: draws it was given but never rendered run on their own.</summary>
    internal void Detach(FrameHost host)
    {
        lock (_gate)
        {
            if (_host != host) return;
            _host = null;
        }
        DrawDue();
    }

    /// <summary>The host's render: every draw of the frame, so each component they re-render joins the same batch.</summary>
    internal void DrawDue()
    {
        var due = _due.ToArray();
        _due.Clear();
        foreach (var start in due) start();
    }

    private Task RequestFlushAsync()
    {
        lock (_gate)
        {
            if (!_flushScheduled)
            {
                _flushScheduled = true;
                _ = FlushSoonAsync();
            }
            return _nextFlush.Task;
        }
    }

    private async Task FlushSoonAsync()
    {
        try
        {
            var frame = ScreenUpdates.FrameAfter(Volatile.Read(ref _lastDrawnTick));
            if (frame.IsCompleted) await Task.Yield(); // never draw inline: the caller holds the gate
            else await frame;
            FrameHost? host;
            lock (_gate)
            {
                _flushScheduled = false; // a change from here on asks for the next frame
                host = _host;
            }
            if (host is null || !await host.TryRenderAsync(this)) DrawEachOnItsOwn();
        }
        catch (ObjectDisposedException)
        {
            // The circuit is going: its followers end with their components.
        }
        finally
        {
            TaskCompletionSource flushed;
            lock (_gate)
            {
                flushed = _nextFlush;
                _nextFlush = NewFlush();
            }
            flushed.SetResult();
        }
    }

    /// <summary>On the host's context: takes the frame's wanted draws; true if there are any and the host will render them.</summary>
    internal bool TakeDue()
    {
        foreach (var (_, draw) in Drain())
            if (draw.IsWanted()) _due.Add(draw.Start);
            else draw.Skip();
        if (_due.Count == 0) return false;
        FramesDrawn++;
        return true;
    }

    private void DrawEachOnItsOwn()
    {
        foreach (var (follower, draw) in Drain())
            follower.StartOnOwnContext(() =>
            {
                if (draw.IsWanted()) draw.Start();
                else draw.Skip();
            });
    }

    /// <summary>Every follower's relevant changes, as the draws to start; one frame drains at a time.</summary>
    private List<(IFollower Follower, Draw Draw)> Drain()
    {
        var due = new List<(IFollower Follower, Draw Draw)>();
        lock (_taking)
            foreach (var follower in Snapshot())
                if (follower.Take() is { } draw) due.Add((follower, draw));
        if (due.Count > 0) Volatile.Write(ref _lastDrawnTick, ScreenUpdates.Tick);
        return due;
    }

    /// <summary>A follower's draw of one frame: whether it is still wanted (asked on the renderer's context), how to start it, how to let it go.</summary>
    private sealed record Draw(Func<bool> IsWanted, Action Start, Action Skip);

    private IFollower[] Snapshot()
    {
        lock (_gate) return [.. _followers];
    }

    private static TaskCompletionSource NewFlush() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private interface IFollower
    {
        /// <summary>Drains the changes; the draw to start if any is relevant and no earlier draw still runs.</summary>
        Draw? Take();

        void StartOnOwnContext(Action start);
    }

    private sealed class Follower<T>(ChannelReader<T> reader, Func<T, bool> touches, Func<IReadOnlyList<T>, Task> draw,
        Func<Func<Task>, Task> invoke, CancellationTokenSource following, Func<IReadOnlyList<T>, bool>? wanted) : IFollower
    {
        private TaskCompletionSource? _drawing;

        /// <summary>Completes when the last draw handed out has finished.</summary>
        public Task Drawn => Volatile.Read(ref _drawing)?.Task ?? Task.CompletedTask;

        public ExceptionDispatchInfo? Failure { get; private set; }

        public Draw? Take()
        {
            if (!Drawn.IsCompleted || Failure is not null) return null;
            List<T>? relevant = null;
            try
            {
                while (reader.TryRead(out var change))
                    if (touches(change)) (relevant ??= []).Add(change);
            }
            catch (Exception e)
            {
                Fail(e);
                return null;
            }
            if (relevant is null) return null;
            Volatile.Write(ref _drawing, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return new Draw(() => IsWanted(relevant), () => _ = FinishAsync(Start(relevant)), () => Volatile.Read(ref _drawing)?.TrySetResult());
        }

        private bool IsWanted(IReadOnlyList<T> relevant)
        {
            try
            {
                return wanted?.Invoke(relevant) ?? true;
            }
            catch (Exception e)
            {
                Fail(e);
                return false;
            }
        }

        public void StartOnOwnContext(Action start) => _ = StartOnOwnContextAsync(start);

        private async Task StartOnOwnContextAsync(Action start)
        {
            try
            {
                await invoke(() =>
                {
                    start();
                    return Task.CompletedTask;
                });
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        private Task Start(IReadOnlyList<T> relevant)
        {
            try
            {
                return draw(relevant);
            }
            catch (Exception e)
            {
                return Task.FromException(e);
            }
        }

        private async Task FinishAsync(Task drawing)
        {
            try
            {
                await drawing;
                Volatile.Read(ref _drawing)?.TrySetResult();
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        private void Fail(Exception e)
        {
            Failure ??= ExceptionDispatchInfo.Capture(e);
            try { following.Cancel(); } catch (ObjectDisposedException) { }
            Volatile.Read(ref _drawing)?.TrySetResult();
        }
    }
}
