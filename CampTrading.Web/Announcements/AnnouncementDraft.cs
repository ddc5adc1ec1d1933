namespace CampTrading.Web.Announcements;

/// <summary>What staff write: a new announcement or the new text of one. No <see cref="PublishAt"/> = publish now.</summary>
public sealed record AnnouncementDraft(
    string Title,
    string BodyMarkdown,
    AnnouncementPriority Priority = AnnouncementPriority.Normal,
    DateTimeOffset? PublishAt = null,
    bool BroadcastToTelegram = false)
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 20_000;

    /// <summary>The stable code of what is wrong with the draft, or null when it can be saved.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Title) ? AnnouncementErrors.TitleRequired
        : Title.Trim().Length > MaxTitleLength ? AnnouncementErrors.TitleTooLong
        : string.IsNullOrWhiteSpace(BodyMarkdown) ? AnnouncementErrors.BodyRequired
        : BodyMarkdown.Length > MaxBodyLength ? AnnouncementErrors.BodyTooLong
        : !Enum.IsDefined(Priority) ? AnnouncementErrors.InvalidPriority
        : null;
}

/// <summary>The outcome of a staff action: the announcement as saved, or a stable error code (nothing changed).</summary>
public sealed record AnnouncementResult(Announcement? Announcement, string? Error)
{
    public bool IsOk => Error is null;

    public static AnnouncementResult Ok(Announcement announcement) => new(announcement, null);

    public static AnnouncementResult Refused(string error) => new(null, error);
}

/// <summary>Stable error codes of <see cref="AnnouncementService"/>, with the staff console's bilingual text.</summary>
public static class AnnouncementErrors
{
    public const string TitleRequired = "title_required";
    public const string TitleTooLong = "title_too_long";
    public const string BodyRequired = "body_required";
    public const string BodyTooLong = "body_too_long";
    public const string InvalidPriority = "invalid_priority";
    public const string NotFound = "not_found";
    public const string AlreadyWithdrawn = "already_withdrawn";

    public static string Message(string code) => code switch
    {
        TitleRequired => "請輸入標題。A title is required.",
        TitleTooLong => $"標題最多 {AnnouncementDraft.MaxTitleLength} 字。The title is limited to {AnnouncementDraft.MaxTitleLength} characters.",
        BodyRequired => "請輸入內容。The text is required.",
        BodyTooLong => $"內容最多 {AnnouncementDraft.MaxBodyLength:N0} 字。The text is limited to {AnnouncementDraft.MaxBodyLength:N0} characters.",
        InvalidPriority => "優先等級不正確。Unknown priority.",
        NotFound => "找不到這則公告。No such announcement.",
        AlreadyWithdrawn => "這則公告已撤回。The announcement was withdrawn already.",
        _ => code,
    };
}
