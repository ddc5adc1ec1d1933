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
}
