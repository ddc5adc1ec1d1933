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
            (muted.Contains(kind) ? "🔕 " : "🔔 ") + NotificationKinds.Name(kind, context), $"set:{kind}:{(muted.Contains(kind) ? "0" : "1")}"));
        Say(context, context.T("通知設定：按一下切換開關。", "Notifications: tap to switch on or off."), Keyboard.Column(buttons));
    }

    /// <summary>set:{kind}:{1 mute|0 unmute}: the button says the state it sets, not "switch", so a replayed press changes nothing more.</summary>
    private async Task ToggleMuteAsync(BotContext context, string[] parts, CancellationToken ct)
    {
        if (Linked(context) is null) return;
        if (parts.Length != 3 || !NotificationKinds.All.Contains(parts[1]) || parts[2] is not ("0" or "1"))
        {
            await RefuseButton(context);
            return;
        }
        await state.SetMutedAsync(context.From.Id, parts[1], parts[2] == "1", ct);
        await ShowSettingsAsync(context, ct);
    }
}
