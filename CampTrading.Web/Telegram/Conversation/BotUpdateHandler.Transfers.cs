using System.Globalization;
using CampTrading.Core.Engine;
using CampTrading.Web.Points;

namespace CampTrading.Web.Telegram.Conversation;

// Transfers. Buttons: tp:{amount}:{account} previews a transfer to one of several matching students; tok:{amount}:{account}:{token}
// sends it, once: the token is a fresh one-use engine request key.
public sealed partial class BotUpdateHandler
{
    private Task TransferCommand(BotContext context, BotCommandLine command)
    {
        if (Linked(context) is null) return Task.CompletedTask;
        if (command.Arguments.Count == 0)
        {
            _awaiting[context.From.Id] = "transfer";
            Say(context, context.T("要轉多少點給誰？請輸入「金額 對象」，例如：100 王小明", "How much, to whom? Send \"AMOUNT RECIPIENT\", e.g. 100 alice"));
            return Task.CompletedTask;
        }
        return TransferFromText(context, command.Arguments);
    }

    /// <summary>"100 alice" or "alice 100": amount and recipient in either order.</summary>
    private Task TransferFromText(BotContext context, IReadOnlyList<string> words)
    {
        long amount = 0;
        string? recipient = null;
        if (words.Count >= 2 && TryAmount(words[0], out amount)) recipient = string.Join(' ', words.Skip(1));
        else if (words.Count >= 2 && TryAmount(words[^1], out amount)) recipient = string.Join(' ', words.Take(words.Count - 1));
        if (recipient is null)
        {
            Say(context, context.T("用法：/transfer 金額 對象，例如 /transfer 100 王小明", "Usage: /transfer AMOUNT RECIPIENT, e.g. /transfer 100 alice"));
            return Task.CompletedTask;
        }
        return OfferTransfer(context, amount, recipient, null);
    }

    private Task OfferTransfer(BotContext context, long amount, string recipient, string? understood)
    {
        if (Linked(context) is not { } student) return Task.CompletedTask;
        var lookup = transfers.Resolve(recipient);
        switch (lookup.Outcome)
        {
            case RecipientOutcome.NotFound:
                Say(context, (understood ?? "") + context.T($"找不到「{lookup.Query}」。請輸入對方的名字。", $"No student called \"{lookup.Query}\". Type their name."));
                break;
            case RecipientOutcome.Ambiguous:
                var buttons = lookup.Candidates.Take(10).Select(c =>
                    Keyboard.Button($"{c.Name}{(c.Team is null ? "" : $" ({c.Team})")} #{Id(c.AccountId)}", $"tp:{Id(amount)}:{Id(c.AccountId)}"));
                Say(context, (understood ?? "") + context.T($"有好幾位「{lookup.Query}」，要轉給哪一位？", $"Several students match \"{lookup.Query}\"; which one?"),
                    Keyboard.Column(buttons.Append(Keyboard.Button(context.T("取消", "Cancel"), "x"))));
                break;
            default:
                ShowTransferPreview(context, student.AccountId, amount, lookup.Recipient!.AccountId, understood);
                break;
        }
        return Task.CompletedTask;
    }

    private Task TransferPreviewButtonAsync(BotContext context, string[] parts)
    {
        if (Linked(context) is not { } student) return Task.CompletedTask;
        if (parts.Length != 3 || !TryTransferButton(parts, out var amount, out var to)) return RefuseButton(context);
        ShowTransferPreview(context, student.AccountId, amount, to, null);
        return Task.CompletedTask;
    }

    private void ShowTransferPreview(BotContext context, int from, long amount, int to, string? understood)
    {
        if (amount > Transfer.MaxAmount)
        {
            Say(context, (understood ?? "") + RejectionText(context, CommandResult.Reject(RejectCode.InvalidAmount)));
            return;
        }
        var name = Market.Account(to)?.Name ?? "#" + Id(to);
        var fee = Core.Points.TransferFees.For(amount, Market.Status.Rules);
        var available = Market.Account(from)?.AvailablePoints ?? 0;
        // The refusal carries the figures its message names ("need {0}, have {1}"), as the engine's own would.
        CommandResult? problem = from == to ? CommandResult.Reject(RejectCode.TransferToSelf)
            : available < amount + fee ? CommandResult.Reject(RejectCode.InsufficientPoints, amount + fee, available)
            : null;
        var summary = context.T($"轉 {N(amount)} 點給 {name}，手續費 {N(fee)}，共扣 {N(amount + fee)}（可用 {N(available)}）。",
            $"Send {N(amount)} points to {name}, fee {N(fee)}, {N(amount + fee)} in all (available {N(available)}).");
        if (problem is { } refused)
        {
            Say(context, (understood ?? "") + summary + "\n" + RejectionText(context, refused));
            return;
        }
        Say(context, (understood ?? "") + summary,
            Keyboard.Rows([Keyboard.Button(context.T("✅ 確認轉帳", "✅ Send"), $"tok:{Id(amount)}:{Id(to)}:{ButtonData.NewToken()}"), Keyboard.Button(context.T("取消", "Cancel"), "x")]));
    }

    private async Task ConfirmTransferAsync(BotContext context, string[] parts, CancellationToken ct)
    {
        if (Linked(context) is not { } student) return;
        if (parts.Length != 4 || !TryTransferButton(parts, out var amount, out var to) || !ButtonData.IsToken(parts[3]))
        {
            await RefuseButton(context);
            return;
        }
        var result = await exchange.SubmitAsync(new Transfer(student.AccountId, to, amount, "telegram") { RequestKey = ButtonData.RequestKey(parts[3]) }, ct);
        var name = Market.Account(to)?.Name ?? "#" + Id(to);
        Say(context, (result.IsRepeat ? AlreadyDoneText(context) : "") + (result.IsOk
            ? context.T($"✅ 已轉 {N(amount)} 點給 {name}。剩餘可用 {N(Market.Account(student.AccountId)?.AvailablePoints ?? 0)} 點。",
                $"✅ Sent {N(amount)} points to {name}. Available now {N(Market.Account(student.AccountId)?.AvailablePoints ?? 0)}.")
            : RejectionText(context, result)));
    }

    private static bool TryTransferButton(string[] parts, out long amount, out int to)
    {
        to = 0;
        return ButtonData.TryNumber(parts[1], out amount) & ButtonData.TryId(parts[2], out to);
    }
}
