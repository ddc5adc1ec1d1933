using CampTrading.Core.ReadModels;
using Microsoft.AspNetCore.Components;

namespace CampTrading.Web.Announcements;

/// <summary>
/// Base of the live announcement widgets: listens to <see cref="AnnouncementFeed.Changes"/> while interactive (prerendered
/// HTML is never updated) and hands each wake-up's changes to <see cref="OnAnnouncementsChangedAsync"/> on the renderer's
/// context. The subscription is taken before the first load, so no change slips between loading and listening.
/// </summary>
public abstract class AnnouncementComponent : ComponentBase, IDisposable
{
    private CancellationTokenSource? _listening;

    [Inject] protected AnnouncementService Announcements { get; set; } = default!;
    [Inject] private AnnouncementFeed Feed { get; set; } = default!;

    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive || _listening is not null) return;
        _listening = new CancellationTokenSource();
        _ = ListenAsync(Feed.Changes.Subscribe(), _listening.Token);
    }

    /// <summary>Runs for the changes of one wake-up; re-renders afterwards.</summary>
    protected abstract Task OnAnnouncementsChangedAsync(IReadOnlyList<AnnouncementChange> changes);

    private async Task ListenAsync(Broadcast<AnnouncementChange>.Subscription subscription, CancellationToken cancellationToken)
    {
        using (subscription)
        {
            try
            {
                var reader = subscription.Reader;
                while (await reader.WaitToReadAsync(cancellationToken))
                {
                    var changes = new List<AnnouncementChange>();
                    while (reader.TryRead(out var change)) changes.Add(change);
                    await InvokeAsync(async () =>
                    {
                        await OnAnnouncementsChangedAsync(changes);
                        StateHasChanged();
                    });
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                await DispatchExceptionAsync(ex);
            }
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
