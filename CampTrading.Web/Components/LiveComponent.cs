using CampTrading.Core.ReadModels;
using Microsoft.AspNetCore.Components;

namespace CampTrading.Web.Components;

/// <summary>
/// Base of components that follow a <see cref="Broadcast{T}"/> while interactive (prerendered HTML is never updated). The
/// subscription is taken in <see cref="OnInitialized"/>, before the first render reads its views, so no change slips between
/// loading and listening; the changes of one frame (<see cref="CircuitFrame"/>) are coalesced into one call of
/// <see cref="OnChangesAsync"/> on the renderer's context, drawn in the same render batch as the rest of the page. It ends
/// on disposal.
/// </summary>
public abstract class LiveComponent<T> : ComponentBase, IDisposable
{
    private CancellationTokenSource? _listening;

    [Inject] private CircuitFrame Frame { get; set; } = default!;

    /// <summary>What the component follows.</summary>
    protected abstract Broadcast<T> Changes { get; }

    /// <summary>Whether the component follows its changes at all (a part that shows nothing of them need not listen).</summary>
    protected virtual bool Follows => true;

    /// <summary>
    /// Whether a change concerns what the component shows (all do, unless overridden). Asked on the publisher's thread as
    /// each change is published (a change nobody wants wakes nobody), so it reads only immutable views and fields that are
    /// replaced whole.
    /// </summary>
    protected virtual bool Touches(T change) => true;

    /// <summary>Runs on the renderer's context for the relevant changes of one wake-up.</summary>
    protected abstract Task OnChangesAsync(IReadOnlyList<T> changes);

    /// <summary>
    /// Asked on the renderer's context just before a frame would draw this component's changes: false when nothing it shows
    /// would change, so a frame in which no component has anything to draw sends the phone no batch at all.
    /// </summary>
    protected virtual bool WantsToDraw(IReadOnlyList<T> changes) => true;

    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive || _listening is not null || !Follows) return;
        _listening = new CancellationTokenSource();
        _ = ListenAsync(Changes.Subscribe(wants: Touches), _listening.Token); // asked as each change is published
    }

    private async Task ListenAsync(Broadcast<T>.Subscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await Frame.FollowAsync(subscription, Touches, OnChangesAsync, InvokeAsync, cancellationToken, WantsToDraw);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || _listening is null) return;
        _listening.Cancel();
        _listening.Dispose();
        _listening = null;
    }
}
