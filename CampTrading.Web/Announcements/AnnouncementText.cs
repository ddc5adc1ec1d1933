namespace CampTrading.Web.Announcements;

/// <summary>Text of the student announcement pages: <c>IStringLocalizer&lt;AnnouncementText&gt;</c> (zh-TW default, English).</summary>
public sealed class AnnouncementText;
