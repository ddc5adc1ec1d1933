using CampTrading.Web.Telegram.Notifications;

namespace CampTrading.Web.Telegram.Conversation;

public sealed partial class BotUpdateHandler
{
    private async Task SettingsAsync(BotContext context, CancellationToken ct)
    {
        if (Linked(context) is null) return;
        await ShowSettingsAsync(context, ct);
    }

    private async Task ShowSettingsAsync(BotContext context, CancellationToken ct)
    {
        var muted = await state.MutesAsync(context.From.Id, ct);
        var buttons = NotificationKinds.All.Select(kind => Keyboard.Button(
            (muted.Contains(kind) ? "🔕 " : "🔔 ") + NotificationKinds.Name(kind, context), "set:" + kind));
        Say(context, context.T("通知設定：按一下切換開關。", "Notifications: tap to switch on or off."), Keyboard.Column(buttons));
    }

    private async Task ToggleMuteAsync(BotContext context, string[] parts, CancellationToken ct)
    {
        if (parts.Length != 2 || !NotificationKinds.All.Contains(parts[1]) || Linked(context) is null) return;
        var muted = await state.MutesAsync(context.From.Id, ct);
        await state.SetMutedAsync(context.From.Id, parts[1], !muted.Contains(parts[1]), ct);
        await ShowSettingsAsync(context, ct);
    }
}
