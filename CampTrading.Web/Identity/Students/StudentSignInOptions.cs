using System.ComponentModel.DataAnnotations;

namespace CampTrading.Web.Identity.Students;

/// <summary>Student sign-in settings (section <c>Students</c>).</summary>
public sealed class StudentSignInOptions
{
    public const string Section = "Students";

    /// <summary>How long a one-time login link stays valid.</summary>
    public TimeSpan LoginLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong PINs allowed per student per <see cref="PinFailureWindow"/> before the PIN is refused outright.</summary>
    [Range(1, 1000)]
    public int PinFailuresPerWindow { get; set; } = 5;

    public TimeSpan PinFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failed secret or PIN checks allowed per source (client IP on the web, Telegram user in the bot) per
    /// <see cref="PinFailureWindow"/>. Generous for the web: a whole camp may share one Wi-Fi address.
    /// </summary>
    [Range(1, 100_000)]
    public int SourceFailuresPerWindow { get; set; } = 100;

    /// <summary>How long after signing in a student may change the PIN without typing the current one.</summary>
    public TimeSpan FreshSignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often open pages re-check a session besides every action (cookie validation covers requests).</summary>
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sign-in requests per client IP per <see cref="SignInWindow"/>. Generous: a whole camp may share one Wi-Fi address.
    /// </summary>
    [Range(1, 100_000)]
    public int SignInPermitsPerWindow { get; set; } = 120;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Telegram settings used by the web sign-in (section <c>Telegram</c>).</summary>
public sealed class TelegramLoginOptions
{
    public const string Section = "Telegram";

    /// <summary>The bot's token: the Login Widget's data is signed with SHA-256 of it. Empty: Telegram sign-in is off.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>The bot's username (without @), for the Login Widget on the sign-in page.</summary>
    public string BotUsername { get; set; } = "";

    /// <summary>How old the widget's auth_date may be.</summary>
    public TimeSpan LoginMaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How far in the future auth_date may be (clock skew between Telegram and this server).</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
