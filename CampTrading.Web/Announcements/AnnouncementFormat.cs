using System.Globalization;

namespace CampTrading.Web.Announcements;

/// <summary>How announcement pages show priority, time and a short preview.</summary>
public static class AnnouncementFormat
{
    /// <summary>The resource key of the priority's name (<c>Priority_Urgent</c>).</summary>
    public static string PriorityKey(AnnouncementPriority priority) => $"Priority_{priority}";

    /// <summary>The CSS class of the priority badge.</summary>
    public static string PriorityClass(AnnouncementPriority priority) => priority.ToString().ToLowerInvariant();

    /// <summary>Month/day and time in the camp's time zone: 7/20 09:30.</summary>
    public static string When(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("M/d HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The text without markup, cut at <paramref name="length"/> characters.</summary>
    public static string Excerpt(string markdown, int length = 120)
    {
        var text = AnnouncementMarkdown.ToPlainText(markdown).ReplaceLineEndings(" ");
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length).TrimEnd(), "…");
    }

    /// <summary>How long an urgent announcement stays pinned on top of the student list after it was published.</summary>
    public static readonly TimeSpan PinUrgentFor = TimeSpan.FromHours(24);

    /// <summary>Whether the student list pins it on top: urgent, and published within <see cref="PinUrgentFor"/>.</summary>
    public static bool IsPinned(Announcement announcement, DateTimeOffset now) =>
        announcement.Priority == AnnouncementPriority.Urgent && now - announcement.PublishAt < PinUrgentFor;

    /// <summary>The student list's order: pinned (recent urgent) ones first, then the rest; newest first within each.</summary>
    public static IReadOnlyList<Announcement> ForList(IEnumerable<Announcement> announcements, DateTimeOffset now) =>
        [.. announcements.OrderByDescending(a => IsPinned(a, now)).ThenByDescending(a => a.PublishAt).ThenByDescending(a => a.Id)];
}
