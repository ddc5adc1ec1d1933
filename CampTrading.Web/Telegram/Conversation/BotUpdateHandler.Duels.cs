using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using CampTrading.Core.Engine;
using CampTrading.Web.Points;
using CampTrading.Web.Telegram.Hosting;

namespace CampTrading.Web.Telegram.Conversation;

// Duels (/pvp), in groups and privately. Buttons: pa:{duel} accepts, pc:{duel} withdraws (challenger), pr:{duel}:{0|1|2} is a
// hidden rock/paper/scissors choice, sent to each player privately. The result is posted where the challenge was made.
public sealed partial class BotUpdateHandler
{
    private readonly ConcurrentDictionary<long, long> _duelChats = new();

    private async Task DuelCommandAsync(BotContext context, BotCommandLine command, CancellationToken ct)
    {
        if (Linked(context, privateOnly: false) is not { } student) return;
        var args = command.Arguments.ToList();
        var game = DuelGame.RockPaperScissors;
        if (args.Count > 0 && args[^1].ToLowerInvariant() is "coin" or "擲硬幣" or "硬幣")
        {
            game = DuelGame.CoinFlip;
            args.RemoveAt(args.Count - 1);
        }
        if (args.Count == 0 || !TryAmount(args[0], out var stake))
        {
            Say(context, context.T("用法：/pvp 賭注 [對手] [coin]，例如 /pvp 50 王小明（猜拳）或 /pvp 50 coin（擲硬幣，任何人可接受）",
                "Usage: /pvp STAKE [OPPONENT] [coin], e.g. /pvp 50 alice (rock-paper-scissors) or /pvp 50 coin (coin flip, anyone may accept)"));
            return;
        }
        int? opponent = null;
        if (args.Count > 1)
        {
            var lookup = transfers.Resolve(string.Join(' ', args.Skip(1)));
            if (lookup.Outcome != RecipientOutcome.Found)
            {
                Say(context, lookup.Outcome == RecipientOutcome.Ambiguous
                    ? context.T($"有好幾位「{lookup.Query}」：{string.Join("、", lookup.Candidates.Select(c => $"{c.Name} ({c.Team})"))}。請寫得更明確。",
                        $"Several students match \"{lookup.Query}\": {string.Join(", ", lookup.Candidates.Select(c => $"{c.Name} ({c.Team})"))}. Be more specific.")
                    : context.T($"找不到「{lookup.Query}」。", $"No student called \"{lookup.Query}\"."));
                return;
            }
            opponent = lookup.Recipient!.AccountId;
        }
        // Keyed by the message: the same /pvp handled twice (a replayed update) makes one challenge.
        var result = await exchange.SubmitAsync(new CreateDuel(student.AccountId, opponent, stake, game) { RequestKey = context.MessageRequestKey }, ct);
        if (!result.IsOk)
        {
            Say(context, RejectionText(context, result));
            return;
        }
        if (result.IsRepeat) return; // answered the first time
        _duelChats[result.Id] = context.ChatId;
        var who = opponent is { } o ? Market.Account(o)?.Name ?? "?" : context.T("任何人", "anyone");
        var gameText = game == DuelGame.CoinFlip ? context.T("擲硬幣", "coin flip") : context.T("猜拳", "rock-paper-scissors");
        Say(context, context.T($"⚔️ {student.Name} 向 {who} 發起{gameText}對戰，賭注 {N(stake)} 點！", $"⚔️ {student.Name} challenges {who} to {gameText} for {N(stake)} points!"),
            Keyboard.Rows([Keyboard.Button(context.T("接受挑戰", "Accept"), $"pa:{Id(result.Id)}"), Keyboard.Button(context.T("撤回", "Withdraw"), $"pc:{Id(result.Id)}")]));
        // The named opponent's private invitation comes from the DuelNotifier, as for duels made on the web.
    }

    private async Task AcceptDuelAsync(BotContext context, string[] parts, CancellationToken ct)
    {
        if (Linked(context, privateOnly: false) is not { } student) return;
        if (parts.Length != 2 || !TryDuelId(parts, out var duelId))
        {
            await RefuseButton(context);
            return;
        }
        var duel = await exchange.ReadEngineAsync(e => e.FindDuel(duelId), ct);
        // The coin is drawn here, outside the engine, so that replaying the journal gives the same result.
        var result = await exchange.SubmitAsync(new AcceptDuel(duelId, student.AccountId, RandomNumberGenerator.GetInt32(int.MaxValue)), ct);
        if (!result.IsOk || duel is null)
        {
            _ = outbound.SendMessage(context.ChatId, $"{student.Name}: {RejectionText(context, result)}", null, OutboxPriority.Reply);
            return;
        }
        if ((DuelState)result.Detail1 == DuelState.Accepted)
        {
            Say(context, context.T($"⚔️ {student.Name} 接受了 {NameOf(duel.ChallengerId)} 的挑戰（{N(duel.Stake)} 點）！請兩位在私訊中出拳。",
                $"⚔️ {student.Name} accepted {NameOf(duel.ChallengerId)}'s challenge ({N(duel.Stake)} points)! Both players: choose in your private chat."));
            // Both players get the hidden-choice buttons privately from the DuelNotifier.
            return;
        }
        AnnounceDuelResult(context, duelId, duel.Stake, result, null);
    }

    private async Task WithdrawDuelAsync(BotContext context, string[] parts, CancellationToken ct)
    {
        if (Linked(context, privateOnly: false) is not { } student) return;
        if (parts.Length != 2 || !TryDuelId(parts, out var duelId))
        {
            await RefuseButton(context);
            return;
        }
        duelNotifier.TellingInChat(duelId, student.AccountId);
        var result = await exchange.SubmitAsync(new CancelDuel(duelId, student.AccountId), ct);
        if (!result.IsOk) duelNotifier.Forget(duelId, student.AccountId);
        if (result.IsOk)
        {
            _duelChats.TryRemove(duelId, out _);
            Say(context, context.T($"{student.Name} 撤回了對戰 #{Id(duelId)}，賭注已退回。", $"{student.Name} withdrew duel #{Id(duelId)}; the stake is returned."));
        }
        else _ = outbound.SendMessage(context.ChatId, $"{student.Name}: {RejectionText(context, result)}", null, OutboxPriority.Reply);
    }

    private async Task ChooseDuelAsync(BotContext context, string[] parts, CancellationToken ct)
    {
        if (Linked(context) is not { } student) return;
        if (parts.Length != 3 || !TryDuelId(parts, out var duelId) || parts[2] is not ("0" or "1" or "2"))
        {
            await RefuseButton(context);
            return;
        }
        var choice = (DuelChoice)(parts[2][0] - '0');
        var duel = await exchange.ReadEngineAsync(e => e.FindDuel(duelId), ct);
        var result = await exchange.SubmitAsync(new ChooseDuel(duelId, student.AccountId, choice), ct);
        if (!result.IsOk || duel is null)
        {
            Say(context, RejectionText(context, result));
            return;
        }
        if ((DuelState)result.Detail1 == DuelState.Chosen)
        {
            Say(context, context.T($"你出了 {ChoiceText(choice)}，等待對手…", $"You chose {ChoiceText(choice)}; waiting for your opponent…"));
            return;
        }
        Say(context, context.T($"你出了 {ChoiceText(choice)}。", $"You chose {ChoiceText(choice)}."));
        var isChallenger = student.AccountId == duel.ChallengerId;
        var state = (DuelState)result.Detail1;
        var other = OtherChoice(choice, isChallenger, state);
        var (challengerChoice, accepterChoice) = isChallenger ? (choice, other) : (other, choice);
        AnnounceDuelResult(context, duelId, duel.Stake, result,
            $"{NameOf(duel.ChallengerId)} {ChoiceText(challengerChoice)} vs {ChoiceText(accepterChoice)} {NameOf(isChallenger ? duel.AccepterId : student.AccountId)}");
    }

    /// <summary>
    /// The result is posted in the group(s) where the challenge was made or decided; the players' private chats hear it from the
    /// DuelNotifier (once, whichever chat or web page the duel was played in).
    /// </summary>
    private void AnnounceDuelResult(BotContext context, long duelId, long stake, CommandResult result, string? hands)
    {
        var state = (DuelState)result.Detail1;
        var text = (hands is null ? "" : hands + "\n") + (state == DuelState.Tie
            ? context.T($"🤝 對戰 #{Id(duelId)} 平手，賭注退回。", $"🤝 Duel #{Id(duelId)} is a tie; stakes returned.")
            : context.T($"🏆 對戰 #{Id(duelId)}：{NameOf((int)result.Detail2)} 贏得 {N(stake)} 點！", $"🏆 Duel #{Id(duelId)}: {NameOf((int)result.Detail2)} wins {N(stake)} points!"));
        var chat = _duelChats.TryRemove(duelId, out var origin) ? origin : context.ChatId;
        if (chat < 0) _ = outbound.SendMessage(chat, text, null, OutboxPriority.Reply); // Telegram's group chat ids are negative, private ones positive
        if (chat != context.ChatId && !context.IsPrivate) _ = outbound.SendMessage(context.ChatId, text, null, OutboxPriority.Reply);
    }

    /// <summary>The other player's hidden choice, known once the outcome is: rock(0) beats scissors(2), scissors paper(1), paper rock.</summary>
    private static DuelChoice OtherChoice(DuelChoice mine, bool mineIsChallenger, DuelState outcome)
    {
        var m = (int)mine;
        var iWon = outcome == (mineIsChallenger ? DuelState.ChallengerWon : DuelState.AccepterWon);
        return outcome == DuelState.Tie ? mine : (DuelChoice)(iWon ? (m + 2) % 3 : (m + 1) % 3);
    }

    private static string ChoiceText(DuelChoice choice) => choice switch
    {
        DuelChoice.Rock => "✊",
        DuelChoice.Paper => "✋",
        _ => "✌️",
    };

    private string NameOf(int accountId) => Market.Account(accountId)?.Name ?? "#" + Id(accountId);

    private static bool TryDuelId(string[] parts, out long duelId)
    {
        duelId = 0;
        return parts.Length >= 2 && ButtonData.TryNumber(parts[1], out duelId);
    }
}
