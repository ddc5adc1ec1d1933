using System.Collections.Concurrent;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Roster;
using Telegram.Bot.Types.ReplyMarkups;
using CampTrading.Web.Telegram.Hosting;

namespace CampTrading.Web.Telegram.Notifications;

/// <summary>
/// Tells linked students about their duels, wherever they were made (web page or bot): a challenge naming them (with an accept
/// button and the duels page), their duel being accepted (with the hidden-choice buttons), the result, and refunds when a duel
/// expires or is cancelled. The one place that writes to players' private chats about duels; the bot itself only answers the
/// chat a button was pressed in and posts results to groups.
/// <para>
/// Driven by <see cref="DuelBoard.Updates"/>, which never waits for a subscriber and drops the oldest updates of a slow one: an
/// update is only a wake-up, and each wake compares the board's current state of every duel in it, every unfinished duel and
/// every duel seen unfinished before against the last state seen, so a dropped update loses no transition. Duels unfinished at
/// start-up are taken as already told; invitations are also guarded by a stored highest duel id, so a restart never repeats one.
/// </para>
/// </summary>
public sealed class DuelNotifier(
    TelegramBot bot,
    TelegramOutbox outbound,
    TelegramStateStore state,
    StudentStore students,
    DuelBoard board,
    ChatLanguages languages,
    Staff.PublicAddress.CampPublicAddress publicAddress,
    TimeProvider time,
    ILogger<DuelNotifier> logger) : BackgroundService
{
    public const string InvitedDuelId = "notified_duel_invitation";

    /// <summary>Private invitations per challenger per window, so nobody can flood a named student's chat with challenges.</summary>
    private readonly WindowLimiter _invites = new(bot.Options.DuelInvitesPerWindow, TimeSpan.FromSeconds(bot.Options.DuelInviteWindowSeconds), time);

    /// <summary>Invitations not sent because the challenger was over the limit (the challenge itself stands, on the duels page).</summary>
    public long InvitationsRefused => _invites.Refused;

    private readonly Dictionary<long, DuelState> _seen = [];
    private readonly ConcurrentDictionary<(long DuelId, int AccountId), byte> _toldInChat = new();

    /// <summary>
    /// The bot is about to tell this player about their own withdrawal in the chat they pressed the button in, so the refund
    /// notice is not sent to them a second time. Call before submitting; <see cref="Forget"/> when the engine refused.
    /// </summary>
    public void TellingInChat(long duelId, int accountId) => _toldInChat[(duelId, accountId)] = 0;

    public void Forget(long duelId, int accountId) => _toldInChat.TryRemove((duelId, accountId), out _);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bot.Client is null) return Task.CompletedTask;
        var updates = board.Updates.Subscribe(capacity: 256);
        // Subscribed first, then what is already running counts as told: nothing in between is missed or repeated.
        foreach (var duel in board.Active) _seen[duel.Id] = duel.State;
        return RunAsync(updates, stoppingToken);
    }

    private async Task RunAsync(Broadcast<DuelUpdate>.Subscription updates, CancellationToken ct)
    {
        using (updates)
        {
            try
            {
                while (await updates.Reader.WaitToReadAsync(ct))
                {
                    var changed = new Dictionary<long, DuelItem>();
                    while (updates.Reader.TryRead(out var update))
                        foreach (var item in update.Changed) changed[item.Id] = item;
                    try { await CatchUpAsync(changed, ct); }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning("Telegram duel notifications failed: {Error}", e.Message);
                    }
                }
            }
            catch (OperationCanceledException) { }
        }
    }

    private async Task CatchUpAsync(Dictionary<long, DuelItem> changed, CancellationToken ct)
    {
        var ids = new SortedSet<long>(changed.Keys);
        ids.UnionWith(_seen.Keys);
        foreach (var duel in board.Active) ids.Add(duel.Id);
        foreach (var id in ids)
        {
            if ((board.Find(id) ?? changed.GetValueOrDefault(id)) is not { } now) continue;
            DuelState? before = _seen.TryGetValue(id, out var seen) ? seen : _finished.TryGetValue(id, out var final) ? final : null;
            if (now.IsActive) _seen[id] = now.State;
            else
            {
                _seen.Remove(id);
                RememberFinished(id, now.State);
            }
            if (before == now.State) continue;
            await NotifyAsync(before, now, ct);
        }
    }

    // A finished duel can arrive again in a later batch of updates (the board republishes it): remembering how it ended
    // keeps its result from being told twice. Bounded: the oldest are forgotten first.
    private const int FinishedRemembered = 4096;
    private readonly Dictionary<long, DuelState> _finished = [];
    private readonly Queue<long> _finishedOrder = new();

    private void RememberFinished(long id, DuelState state)
    {
        if (_finished.TryAdd(id, state)) _finishedOrder.Enqueue(id);
        else _finished[id] = state;
        while (_finishedOrder.Count > FinishedRemembered) _finished.Remove(_finishedOrder.Dequeue());
    }

    private async Task NotifyAsync(DuelState? before, DuelItem duel, CancellationToken ct)
    {
        switch (duel.Phase)
        {
            case DuelPhase.Open when before is null && duel.OpponentId is { } invited:
                if (await state.AdvanceAsync(InvitedDuelId, duel.Id, ct)) await InviteAsync(duel, invited, ct);
                break;
            case DuelPhase.AwaitingChoices when before is null or DuelState.Open:
                foreach (var player in new[] { duel.ChallengerId, duel.AccepterId })
                    if (!duel.HasChosen(player)) await AskForChoiceAsync(duel, player, ct);
                break;
            case DuelPhase.Resolved:
                foreach (var player in new[] { duel.ChallengerId, duel.AccepterId })
                    await TellAsync(player, language => DuelNoteText.Result(duel, player, language), ct);
                break;
            case DuelPhase.Expired or DuelPhase.Cancelled:
                foreach (var player in new[] { duel.ChallengerId, duel.AccepterId })
                    if (player != 0 && !_toldInChat.TryRemove((duel.Id, player), out _))
                        await TellAsync(player, language => DuelNoteText.Refund(duel, language), ct);
                if (duel.AccepterId == 0 && duel.OpponentId is { } named)
                    await TellAsync(named, language => DuelNoteText.Withdrawn(duel, language), ct);
                break;
        }
    }

    private Task InviteAsync(DuelItem duel, int invited, CancellationToken ct)
    {
        if (!_invites.TryTake(duel.ChallengerId))
        {
            logger.LogInformation("Telegram: duel #{DuelId} invitation from account {Challenger} not sent (over the invitation limit)", duel.Id, duel.ChallengerId);
            return Task.CompletedTask;
        }
        return TellAsync(invited, language => DuelNoteText.Invitation(duel, language, DuelsPage),
            language => Conversation.Keyboard.Rows([Conversation.Keyboard.Button(language.T("接受挑戰", "Accept"), $"pa:{DuelNoteText.Id(duel.Id)}")]), false, ct);
    }

    /// <summary>The hidden-choice buttons are part of playing, not news: they reach a player even if duel notices are muted.</summary>
    private Task AskForChoiceAsync(DuelItem duel, int player, CancellationToken ct) =>
        TellAsync(player, language => DuelNoteText.Accepted(duel, player, language, DuelsPage), DuelNoteText.ChoiceButtons(duel.Id), true, ct);

    private string? DuelsPage => publicAddress.Current is { } url ? url + "/duels" : null;

    private Task TellAsync(int accountId, Func<ChatLanguage, string> text, CancellationToken ct) => TellAsync(accountId, text, null, false, ct);

    private async Task TellAsync(int accountId, Func<ChatLanguage, string> text, Func<ChatLanguage, InlineKeyboardMarkup>? keyboard, bool ignoreMute,
        CancellationToken ct)
    {
        if (accountId == 0 || await students.FindByAccountAsync(accountId, ct) is not { TelegramUserId: { } chat }) return;
        if (!ignoreMute && (await state.MutesAsync(chat, ct)).Contains(NotificationKinds.Duels)) return;
        var language = new ChatLanguage(await languages.EnglishAsync(chat, ct));
        // The hidden-choice buttons are part of a game with stakes reserved: they are kept like answers when the outbox is full.
        _ = outbound.SendMessage(chat, text(language), keyboard?.Invoke(language), ignoreMute ? OutboxPriority.Reply : OutboxPriority.News);
    }
}
