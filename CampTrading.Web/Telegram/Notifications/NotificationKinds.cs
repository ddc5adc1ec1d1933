using CampTrading.Web.Telegram.Conversation;

namespace CampTrading.Web.Telegram.Notifications;

/// <summary>The kinds of notification a student can mute with /settings (stored by name in telegram_mutes).</summary>
public static class NotificationKinds
{
    public const string Fills = "fills";
    public const string Transfers = "transfers";
    public const string Grants = "grants";
    public const string Duels = "duels";
    public const string Announcements = "announcements";

    public static IReadOnlyList<string> All { get; } = [Fills, Transfers, Grants, Duels, Announcements];

    public static string Name(string kind, BotContext context) => kind switch
    {
        Fills => context.T("成交通知", "Fills"),
        Transfers => context.T("收到轉帳", "Transfers received"),
        Grants => context.T("點數發放", "Grants"),
        Duels => context.T("對戰", "Duels"),
        Announcements => context.T("公告", "Announcements"),
        _ => kind,
    };
}
