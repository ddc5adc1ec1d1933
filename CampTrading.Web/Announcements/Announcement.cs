using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Announcements;

public enum AnnouncementPriority { Normal, Important, Urgent }

/// <summary>A staff announcement; the body is markdown (rendered safely: raw HTML is never passed through).</summary>
public sealed record Announcement(
    long Id,
    string Title,
    string BodyMarkdown,
    AnnouncementPriority Priority,
    DateTimeOffset PublishAt,
    bool BroadcastToTelegram,
    string Author,
    DateTimeOffset? WithdrawnAt = null,
    DateTimeOffset? PublishedAt = null)
{
    public bool IsVisibleAt(DateTimeOffset now) => WithdrawnAt is null && PublishAt <= now;

    /// <summary>Where it stands: withdrawn wins, then published (its Published change was raised), else still scheduled.</summary>
    public AnnouncementState State =>
        WithdrawnAt is not null ? AnnouncementState.Withdrawn
        : PublishedAt is not null ? AnnouncementState.Published
        : AnnouncementState.Scheduled;
}

public enum AnnouncementState { Scheduled, Published, Withdrawn }

/// <summary>
/// Live feed of announcements as they become visible (published now, or their scheduled time arrived), edited or withdrawn.
/// Student pages show a toast; the Telegram bot broadcasts those marked for it. Raised exactly once per change by the
/// announcement service.
/// </summary>
public sealed class AnnouncementFeed
{
    public Broadcast<AnnouncementChange> Changes { get; } = new();
}

public enum AnnouncementChangeKind { Published, Edited, Withdrawn }

public sealed record AnnouncementChange(AnnouncementChangeKind Kind, Announcement Announcement);
