using CampTrading.Web.Roster;
using CampTrading.Web.Telegram.Hosting;

namespace CampTrading.Web.Notifications;

/// <summary>Which notification kinds (<see cref="Telegram.Notifications.NotificationKinds"/>) a student muted.</summary>
public interface INotificationMutes
{
    Task<IReadOnlySet<string>> MutedAsync(int accountId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The one source of truth is the bot's /settings (telegram_mutes, by Telegram user): the web toasts follow what the student
/// chose there. A student without a linked Telegram account has muted nothing.
/// </summary>
public sealed class TelegramNotificationMutes(StudentStore students, TelegramStateStore state) : INotificationMutes
{
    public async Task<IReadOnlySet<string>> MutedAsync(int accountId, CancellationToken cancellationToken = default) =>
        await students.FindByAccountAsync(accountId, cancellationToken) is { TelegramUserId: { } chat }
            ? await state.MutesAsync(chat, cancellationToken)
            : new HashSet<string>();
}
