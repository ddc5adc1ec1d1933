using System.Globalization;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using Telegram.Bot.Types.ReplyMarkups;
using CampTrading.Web.Telegram.Conversation;
using CampTrading.Web.Trading;

namespace CampTrading.Web.Telegram.Notifications;

/// <summary>The duel notices a player gets in their private chat, in their language.</summary>
public static class DuelNoteText
{
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Invitation(DuelItem duel, ChatLanguage language, string? duelsPage) =>
        language.T($"⚔️ {duel.ChallengerName} 向你發起{Game(duel.Game, zh: true)}對戰，賭注 {CampFormat.N(duel.Stake)} 點。",
            $"⚔️ {duel.ChallengerName} challenges you to {Game(duel.Game, zh: false)} for {CampFormat.N(duel.Stake)} points.")
        + Page(language, duelsPage, "按下方按鈕接受，或到", "Accept with the button below or on");

    public static string Accepted(DuelItem duel, int player, ChatLanguage language, string? duelsPage)
    {
        var opponent = duel.OpponentOf(player) ?? "?";
        var stake = CampFormat.N(duel.Stake);
        var head = player == duel.ChallengerId
            ? language.T($"⚔️ {opponent} 接受了你的挑戰（對戰 #{Id(duel.Id)}，{stake} 點）！", $"⚔️ {opponent} accepted your challenge (duel #{Id(duel.Id)}, {stake} points)!")
            : language.T($"⚔️ 你接受了 {opponent} 的挑戰（對戰 #{Id(duel.Id)}，{stake} 點）。", $"⚔️ You accepted {opponent}'s challenge (duel #{Id(duel.Id)}, {stake} points).");
        return head + "\n" + language.T($"對戰 #{Id(duel.Id)}：出什麼？（對手看不到）", $"Duel #{Id(duel.Id)}: your choice? (hidden from your opponent)")
            + Page(language, duelsPage, "也可以到", "or choose on");
    }

    public static Func<ChatLanguage, InlineKeyboardMarkup> ChoiceButtons(long duelId) => _ =>
        Keyboard.Rows([Keyboard.Button("✊ 石頭 Rock", $"pr:{Id(duelId)}:0"), Keyboard.Button("✋ 布 Paper", $"pr:{Id(duelId)}:1"),
            Keyboard.Button("✌️ 剪刀 Scissors", $"pr:{Id(duelId)}:2")]);

    public static string Result(DuelItem duel, int player, ChatLanguage language)
    {
        var opponent = duel.OpponentOf(player) ?? "?";
        var stake = CampFormat.N(duel.Stake);
        var hands = duel is { ChallengerChoice: { } c, AccepterChoice: { } a }
            ? $"{duel.ChallengerName} {Hand(c)} vs {Hand(a)} {duel.AccepterName}\n"
            : "";
        return hands + (duel.State == DuelState.Tie
            ? language.T($"🤝 對戰 #{Id(duel.Id)} 與 {opponent} 平手，賭注 {stake} 點退回。", $"🤝 Duel #{Id(duel.Id)} with {opponent} is a tie; your {stake} points are returned.")
            : duel.WinnerId == player
                ? language.T($"🏆 對戰 #{Id(duel.Id)}：你贏了 {opponent}，+{stake} 點！", $"🏆 Duel #{Id(duel.Id)}: you beat {opponent}, +{stake} points!")
                : language.T($"⚔️ 對戰 #{Id(duel.Id)}：你輸給 {opponent}，-{stake} 點。", $"⚔️ Duel #{Id(duel.Id)}: you lost to {opponent}, -{stake} points."));
    }

    public static string Refund(DuelItem duel, ChatLanguage language)
    {
        var stake = CampFormat.N(duel.Stake);
        return duel.State == DuelState.Expired
            ? language.T($"⌛ 對戰 #{Id(duel.Id)} 已逾時，賭注 {stake} 點已退回。", $"⌛ Duel #{Id(duel.Id)} expired; your {stake} points stake is returned.")
            : language.T($"↩️ 對戰 #{Id(duel.Id)} 已取消，賭注 {stake} 點已退回。", $"↩️ Duel #{Id(duel.Id)} was cancelled; your {stake} points stake is returned.");
    }

    /// <summary>For the named opponent of a challenge that ended before they accepted it: the invitation is void.</summary>
    public static string Withdrawn(DuelItem duel, ChatLanguage language) => duel.State == DuelState.Expired
        ? language.T($"⌛ {duel.ChallengerName} 的挑戰（對戰 #{Id(duel.Id)}）已逾時。", $"⌛ {duel.ChallengerName}'s challenge (duel #{Id(duel.Id)}) expired.")
        : language.T($"↩️ {duel.ChallengerName} 的挑戰（對戰 #{Id(duel.Id)}）已取消。", $"↩️ {duel.ChallengerName}'s challenge (duel #{Id(duel.Id)}) was cancelled.");

    private static string Game(DuelGame game, bool zh) => game == DuelGame.CoinFlip
        ? (zh ? "擲硬幣" : "a coin flip")
        : (zh ? "猜拳" : "rock-paper-scissors");

    private static string Page(ChatLanguage language, string? duelsPage, string zhTw, string en) =>
        duelsPage is null ? "" : "\n" + language.T($"{zhTw} {duelsPage}", $"{en} {duelsPage}");

    private static string Hand(DuelChoice choice) => choice switch
    {
        DuelChoice.Rock => "✊",
        DuelChoice.Paper => "✋",
        _ => "✌️",
    };
}
