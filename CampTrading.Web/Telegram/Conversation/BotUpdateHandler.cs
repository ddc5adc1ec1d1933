using System.Collections.Concurrent;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Abuse;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity.Students;
using CampTrading.Web.Points;
using CampTrading.Web.Roster;
using CampTrading.Web.Telegram.Hosting;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CampTrading.Web.Telegram.Conversation;

/// <summary>
/// Answers one update (a message or a pressed button). Feature parts live in the other <c>BotUpdateHandler.*.cs</c> files.
/// Buttons carry everything they act on in their callback data (at most 64 bytes), so a restart loses no conversation; only
/// "type the amount and recipient" after a bare <c>/transfer</c> waits in memory.
/// </summary>
public sealed partial class BotUpdateHandler(
    TelegramBot bot,
    TelegramOutbox outbound,
    StudentStore students,
    TelegramLinkService links,
    LoginLinkService loginLinks,
    ExchangeService exchange,
    Leaderboard leaderboard,
    LedgerHistory ledger,
    TransferService transfers,
    TelegramStateStore state,
    Notifications.DuelNotifier duelNotifier,
    Notifications.ChatLanguages languages,
    Staff.PublicAddress.CampPublicAddress publicAddress,
    Microsoft.Extensions.Localization.IStringLocalizer<CampTrading.Web.Trading.TradingText> tradingText,
    TimeProvider time,
    ILogger<BotUpdateHandler> logger)
{
    private readonly ConcurrentDictionary<long, string> _awaiting = new();

    /// <summary>Replies to Telegram users who are not linked (anyone can write to a bot): limited per user.</summary>
    private readonly WindowLimiter _strangers = new(bot.Options.StrangerRepliesPerWindow, TimeSpan.FromSeconds(bot.Options.StrangerReplyWindowSeconds), time);

    /// <summary>Replies not sent to strangers over their limit.</summary>
    public long StrangerRepliesRefused => _strangers.Refused;

    private MarketReadModel Market => exchange.Market;

    /// <summary>Handles the update; never throws (a failure is logged and the user told to try again).</summary>
    public async Task HandleAsync(Update update, CancellationToken ct)
    {
        BotContext? context = null;
        if ((update.CallbackQuery?.From ?? update.Message?.From) is { Id: <= 0 }) return; // not a Telegram user: their ids are positive
        // Every engine action below is limited per account and per Telegram user (the bot's "source").
        using var source = ActionSource.Use((update.CallbackQuery?.From ?? update.Message?.From) is { } sender ? ActionSource.FromTelegram(sender.Id) : null);
        try
        {
            if (update.CallbackQuery is { } callback)
            {
                if (callback.Message is not { } message)
                {
                    await AnswerCallbackAsync(callback.Id, ct); // a button on an inline message: nothing to act on, but stop its spinner
                    return;
                }
                context = await ContextAsync(message.Chat, callback.From, message.Id, null, ct);
                await AnswerCallbackAsync(callback.Id, ct);
                if (!WithinMessageLimit(context)) return;
                await OnButtonAsync(context, callback.Data ?? "", ct);
            }
            else if (update.Message is { From: { IsBot: false } from, Text: { } text } message)
            {
                context = await ContextAsync(message.Chat, from, null, message.Id, ct);
                if (!WithinMessageLimit(context)) return;
                await OnTextAsync(context, text.Trim(), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Telegram update {UpdateId} failed", update.Id);
            if (context is not null) Say(context, context.T("出了點問題，請稍後再試。", "Something went wrong; please try again."));
        }
    }

    /// <summary>Messages and button presses beyond the student's (or stranger's) allowance are dropped unanswered:
    /// answering each one would let a flood make the bot spam on the flooder's behalf.</summary>
    private bool WithinMessageLimit(BotContext context)
    {
        if (exchange.Limiter is not { } limiter) return true;
        var source = ActionSource.FromTelegram(context.From.Id);
        var decision = context.Student is { } student
            ? limiter.TryAcquire(student.AccountId, source, ActionKind.BotMessage)
            : limiter.TryAcquireSource(source, ActionKind.BotMessage);
        if (!decision.Allowed) logger.LogDebug("Telegram user {UserId} is over the bot message limit", context.From.Id);
        return decision.Allowed;
    }

    private async Task<BotContext> ContextAsync(Chat chat, User from, int? messageId, int? userMessageId, CancellationToken ct)
    {
        var isPrivate = chat.Type == ChatType.Private;
        var context = new BotContext(chat.Id, isPrivate, from, await students.FindByTelegramAsync(from.Id, ct), messageId, userMessageId);
        // Notifications start without a message to answer: they use the language of the last one.
        if (isPrivate || context.Student is not null) await languages.RememberAsync(from.Id, context.IsEnglish, ct);
        return context;
    }

    private async Task AnswerCallbackAsync(string callbackId, CancellationToken ct)
    {
        // Stops the client's spinner; not a message, so not paced. A failure here must not stop the action.
        try { await bot.Client!.AnswerCallbackQuery(callbackId, cancellationToken: ct); }
        catch (RequestException e) { logger.LogWarning("answerCallbackQuery failed: {Error}", e.Message); }
    }

    private async Task OnTextAsync(BotContext context, string text, CancellationToken ct)
    {
        if (BotCommandLine.Parse(text) is { } command)
        {
            // In a group, "/help@OtherBot" is for another bot.
            if (command.Addressee is { } to && bot.Username is { } me && !to.Equals(me, StringComparison.OrdinalIgnoreCase)) return;
            _awaiting.TryRemove(context.From.Id, out _);
            await OnCommandAsync(context, command, ct);
            return;
        }
        if (!context.IsPrivate) return; // in groups only commands are for the bot
        if (_awaiting.TryRemove(context.From.Id, out var awaited) && awaited == "transfer")
        {
            await TransferFromText(context, text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return;
        }
        await OnFreeTextAsync(context, text, ct);
    }

    private Task OnCommandAsync(BotContext context, BotCommandLine command, CancellationToken ct) => command.Name switch
    {
        "start" or "register" => LinkAsync(context, command, ct),
        "help" => Help(context),
        "login" => LoginAsync(context, ct),
        "portfolio" or "balance" => PortfolioAsync(context),
        "price" => Price(context, command.Arguments.Count > 0 ? command.Arguments[0] : null),
        "leaderboard" => LeaderboardAsync(context),
        "log" => LogAsync(context, ct),
        "buy" or "sell" or "trade" => OrderCommandAsync(context, command, ct),
        "orders" => OrdersAsync(context, null),
        "transfer" => TransferCommand(context, command),
        "settings" => SettingsAsync(context, ct),
        "point" => TeamPointAsync(context),
        "pvp" => DuelCommandAsync(context, command, ct),
        _ => Help(context, context.T("不認得這個指令。", "Unknown command.")),
    };

    private Task OnButtonAsync(BotContext context, string data, CancellationToken ct)
    {
        var parts = data.Split(':');
        return parts[0] switch
        {
            "x" when parts.Length == 1 => Done(context, context.T("已取消。", "Cancelled.")),
            "g" => GuidedOrder(context, parts),
            "ok" => ConfirmOrderAsync(context, parts, ct),
            "cx" => CancelOrderAsync(context, parts, ct),
            "cxa" when parts.Length == 1 => CancelAllOrdersAsync(context, ct),
            "tp" => TransferPreviewButtonAsync(context, parts),
            "tok" => ConfirmTransferAsync(context, parts, ct),
            "set" => ToggleMuteAsync(context, parts, ct),
            "pa" => AcceptDuelAsync(context, parts, ct),
            "pc" => WithdrawDuelAsync(context, parts, ct),
            "pr" => ChooseDuelAsync(context, parts, ct),
            _ => RefuseButton(context),
        };
    }

    /// <summary>Callback data the bot did not make (or an old button's): refused, nothing done.</summary>
    private Task RefuseButton(BotContext context)
    {
        logger.LogInformation("Telegram: refused malformed button data from user {UserId}", context.From.Id);
        Say(context, context.T("這個按鈕無效或已過期，沒有執行任何動作。", "That button is not valid (or out of date); nothing was done."));
        return Task.CompletedTask;
    }

    /// <summary>Said before the first result when a one-use confirmation comes again (a double tap, a retry, a replayed update).</summary>
    private static string AlreadyDoneText(BotContext context) =>
        context.T("這個確認已經處理過了，不會重複執行。第一次的結果：", "Already done: this confirmation was handled before and is not repeated. The first result:") + "\n";

    /// <summary>Replies: edits the bot's own message when a button was pressed, else sends a new message.</summary>
    private void Say(BotContext context, string text, InlineKeyboardMarkup? keyboard = null)
    {
        if (context.Student is null && !_strangers.TryTake(context.From.Id))
        {
            logger.LogDebug("Telegram: reply to unlinked user {UserId} not sent (over the limit)", context.From.Id);
            return;
        }
        _ = context.MessageId is { } messageId
            ? outbound.EditMessage(context.ChatId, messageId, text, keyboard)
            : outbound.SendMessage(context.ChatId, text, keyboard, OutboxPriority.Reply);
    }

    private Task Done(BotContext context, string text)
    {
        Say(context, text);
        return Task.CompletedTask;
    }

    /// <summary>The linked student, or null after telling the user how to link (or to use a private chat).</summary>
    private Student? Linked(BotContext context, bool privateOnly = true)
    {
        if (privateOnly && !context.IsPrivate)
        {
            Say(context, context.T("請私訊我使用這個功能。", "Please message me privately for this."));
            return null;
        }
        if (context.Student is { } student) return student;
        Say(context, NotLinkedText(context));
        return null;
    }

    private static string NotLinkedText(BotContext context) => context.T(
        "你還沒綁定帳戶。請掃描名牌上的 QR Code，或輸入 /register 註冊碼（例如 /register ABCD2345）。",
        "Your Telegram is not linked yet. Scan the QR code on your badge, or send /register CODE (e.g. /register ABCD2345).");
}
