using CampTrading.Core.ReadModels;
using CampTrading.Web.Components;
using Microsoft.AspNetCore.Components;

namespace CampTrading.Web.Announcements;

/// <summary>Base of the live announcement widgets: each wake-up's feed changes go to <see cref="OnAnnouncementsChangedAsync"/>, then it re-renders.</summary>
public abstract class AnnouncementComponent : LiveComponent<AnnouncementChange>
{
    [Inject] protected AnnouncementService Announcements { get; set; } = default!;
    [Inject] private AnnouncementFeed Feed { get; set; } = default!;

    protected override Broadcast<AnnouncementChange> Changes => Feed.Changes;

    /// <summary>Runs for the changes of one wake-up; re-renders afterwards.</summary>
    protected abstract Task OnAnnouncementsChangedAsync(IReadOnlyList<AnnouncementChange> changes);

    protected override async Task OnChangesAsync(IReadOnlyList<AnnouncementChange> changes)
    {
        await OnAnnouncementsChangedAsync(changes);
        StateHasChanged();
    }
}
