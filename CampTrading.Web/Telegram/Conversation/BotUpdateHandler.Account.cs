using System.Globalization;
using System.Text;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using CampTrading.Web.Trading;

namespace CampTrading.Web.Telegram.Conversation;

public sealed partial class BotUpdateHandler
{
    private static string N(long value) => CampFormat.N(value);

    /// <summary>
    /// <c>/start SECRET</c> or <c>/register SECRET [PIN]</c>: links this Telegram account to the student (the secret's
    /// first use; a student who set a PIN also needs the PIN). See <see cref="Identity.Students.TelegramLinkService"/>.
    /// </summary>
    private async Task LinkAsync(BotContext context, BotCommandLine command, CancellationToken ct)
    {
        var code = command.Rest(0);
        if (code.Length == 0)
        {
            if (context.Student is { } linked)
                await Help(context, context.T($"歡迎回來，{linked.Name}！", $"Welcome back, {linked.Name}!"));
            else
                Say(context, NotLinkedText(context));
            return;
        }
        if (!context.IsPrivate)
        {
            Say(context, context.T("請私訊我綁定，別在群組公開註冊碼。", "Please link in a private chat; keep your code out of groups."));
            return;
        }
        string? pin = null;
        if (!RegistrationCodes.IsWellFormed(RegistrationCodes.Normalize(code)) && command.Arguments.Count > 1
            && command.Arguments[^1].All(char.IsAsciiDigit))
        {
            pin = command.Arguments[^1];
            code = string.Join(' ', command.Arguments.Take(command.Arguments.Count - 1));
        }
        var result = await links.LinkAsync(context.From.Id, code, pin, ct);
        Say(context, result.IsLinked ? result.Message + "\n\n" + HelpText(context) : result.Message);
    }

    private Task Help(BotContext context, string? first = null)
    {
        Say(context, (first is null ? "" : first + "\n\n") + HelpText(context) + GroupSetupHint(context));
        return Task.CompletedTask;
    }

    /// <summary>How organizers learn a group's id: /help in a group the bot does not post announcements to names it.</summary>
    private string GroupSetupHint(BotContext context) =>
        context.IsPrivate || bot.Options.GroupChats.Contains(context.ChatId) ? ""
        : "\n\n" + context.T(
            $"（給工作人員：這個群組的 ID 是 {context.ChatId.ToString(CultureInfo.InvariantCulture)}，加入 Telegram:GroupChats 設定就會在這裡發布公告。）",
            $"(For staff: this group's id is {context.ChatId.ToString(CultureInfo.InvariantCulture)}; add it to the Telegram:GroupChats setting to post announcements here.)");

    private static string HelpText(BotContext context) => context.T(
        """
        指令：
        /portfolio 我的資產
        /price 股價
        /buy 10 25 以 25 點買 10 股（/buy 10 市價；只打 /buy 會一步步引導）
        /sell 10 30 以 30 點賣 10 股
        　加 ioc：沒成交的部分立刻取消；加 fok：全部成交，否則整筆取消（例如 /buy 10 25 fok）
        /orders 我的委託（可取消）
        /transfer 100 王小明 轉 100 點
        /pvp 50 王小明 猜拳對戰（/pvp 50 coin 擲硬幣）
        /point 隊伍總分
        /leaderboard 排行榜
        /log 最近的點數紀錄
        /login 網頁登入連結
        /settings 通知設定
        也可以直接打字，例如「買 10 股 25 元」或「我的餘額」。
        """,
        """
        Commands:
        /portfolio your holdings
        /price the stock price
        /buy 10 25 buy 10 shares at 25 (/buy 10 at market; plain /buy guides you)
        /sell 10 30 sell 10 shares at 30
          add ioc: what does not fill now is cancelled; add fok: all fills now or nothing (e.g. /buy 10 25 fok)
        /orders your open orders (with cancel)
        /transfer 100 alice send 100 points
        /pvp 50 alice rock-paper-scissors duel (/pvp 50 coin: coin flip)
        /point your team's total
        /leaderboard rankings
        /log recent point history
        /login a one-time web login link
        /settings notifications
        You can also just write, e.g. "sell 5 at 30" or "my balance".
        """);

    private async Task LoginAsync(BotContext context, CancellationToken ct)
    {
        if (Linked(context) is not { } student) return;
        if (Market.Account(student.AccountId) is { } account && (account.Restrictions & AccountRestrictions.Disabled) != 0)
        {
            Say(context, context.T("這個帳戶已停用，請找工作人員。", "This account is disabled; ask a staff member."));
            return;
        }
        var link = await loginLinks.CreateAsync(student.AccountId, ct);
        var baseUrl = publicAddress.Current ?? "";
        var minutes = N((long)Math.Ceiling((link.ExpiresAt - DateTimeOffset.UtcNow).TotalMinutes));
        Say(context, context.T(
            $"你的一次性登入連結（{minutes} 分鐘內有效，只能用一次，請勿分享）：\n{baseUrl}{link.Path}",
            $"Your one-time login link (valid {minutes} minutes, single use; do not share it):\n{baseUrl}{link.Path}"));
    }

    private Task PortfolioAsync(BotContext context)
    {
        if (Linked(context) is not { } student) return Task.CompletedTask;
        Say(context, PortfolioText(context, student.AccountId));
        return Task.CompletedTask;
    }

    private string PortfolioText(BotContext context, int accountId)
    {
        if (Market.Account(accountId) is not { } account) return context.T("找不到你的帳戶。", "Your account was not found.");
        var text = new StringBuilder();
        text.AppendLine(context.T($"{account.Name} 的資產", $"{account.Name}'s portfolio"));
        text.AppendLine(context.T($"點數 {N(account.Points)}（可用 {N(account.AvailablePoints)}，委託保留 {N(account.ReservedPoints)}）",
            $"Points {N(account.Points)} (available {N(account.AvailablePoints)}, reserved {N(account.ReservedPoints)})"));
        if (account.Debt > 0) text.AppendLine(context.T($"負債 {N(account.Debt)}", $"Debt {N(account.Debt)}"));
        foreach (var holding in account.Holdings)
        {
            var mark = Market.Instrument(holding.InstrumentId)?.MarkPrice ?? 0;
            text.AppendLine(context.T($"{holding.Symbol} {N(holding.Shares)} 股（可賣 {N(holding.Available)}）× {N(mark)} = {N(holding.Shares * mark)}",
                $"{holding.Symbol} {N(holding.Shares)} shares (sellable {N(holding.Available)}) × {N(mark)} = {N(holding.Shares * mark)}"));
        }
        if (leaderboard.Current().Of(accountId) is { } entry)
            text.Append(context.T($"淨值 {N(entry.NetWorth)}，排名第 {N(entry.Rank)}", $"Net worth {N(entry.NetWorth)}, rank #{N(entry.Rank)}"));
        return text.ToString().TrimEnd();
    }

    private Task Price(BotContext context, string? symbol)
    {
        var instruments = symbol is null ? Market.Instruments : Market.Instrument(symbol) is { } one ? [one] : [];
        if (instruments.Count == 0)
        {
            Say(context, context.T("找不到這檔股票。", "No such stock."));
            return Task.CompletedTask;
        }
        var text = new StringBuilder();
        text.AppendLine(Market.Status.Session switch
        {
            SessionState.Open => context.T("交易中", "Market open"),
            SessionState.Halted => context.T("暫停交易", "Trading halted"),
            SessionState.PreOpen => context.T("開盤前競價：訂單在開盤時以同一價格撮合", "Pre-open auction: orders trade at one price at the open"),
            _ => context.T("休市", "Market closed"),
        });
        foreach (var i in instruments)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{i.Symbol} {i.Name}: {N(i.MarkPrice)} ({CampFormat.Percent(i.ChangeBasisPoints)})");
            text.AppendLine(context.T(
                $"  買價 {(i.BestBid is { } bid ? N(bid) : "—")} / 賣價 {(i.BestAsk is { } ask ? N(ask) : "—")}，漲跌幅 {N(i.BandLow)}–{N(i.BandHigh)}",
                $"  bid {(i.BestBid is { } bid2 ? N(bid2) : "—")} / ask {(i.BestAsk is { } ask2 ? N(ask2) : "—")}, band {N(i.BandLow)}–{N(i.BandHigh)}"));
            if (Market.Status.Session == SessionState.PreOpen && i.Feed is null)
                text.AppendLine(i.Indicative.Volume > 0
                    ? context.T($"  試算開盤價 {N(i.Indicative.Price)}，可成交 {N(i.Indicative.Volume)} 股", $"  indicative open {N(i.Indicative.Price)}, {N(i.Indicative.Volume)} shares would trade")
                    : context.T("  尚無可撮合的買賣", "  nothing would trade yet"));
            if (IpoLine(context, i.Ipo) is { } ipo) text.AppendLine(ipo);
        }
        Say(context, text.ToString().TrimEnd());
        return Task.CompletedTask;
    }

    private static string? IpoLine(BotContext context, IpoView ipo)
    {
        var (zh, en) = ipo.Phase switch
        {
            IpoPhase.Standing => ("掛在賣方", "offered in the book"),
            IpoPhase.WaitingForAuction => ("等待下次開盤競價", "waiting for the next opening auction"),
            IpoPhase.InAuction => ("參與開盤競價", "in the opening auction"),
            _ => ((string?)null, (string?)null),
        };
        return zh is null ? null : context.T($"  新股：{N(ipo.Shares)} 股 @ {N(ipo.Price)}，{zh}", $"  IPO: {N(ipo.Shares)} shares at {N(ipo.Price)}, {en}");
    }

    private Task LeaderboardAsync(BotContext context)
    {
        var view = leaderboard.Current();
        var text = new StringBuilder(context.T("排行榜（淨值）\n", "Leaderboard (net worth)\n"));
        foreach (var e in view.Individuals.Take(10))
            text.AppendLine(CultureInfo.InvariantCulture, $"{N(e.Rank)}. {e.Name}{(e.Team is null ? "" : $" ({e.Team})")} {N(e.NetWorth)}");
        if (context.Student is { } student && view.Of(student.AccountId) is { Rank: > 10 } mine)
            text.AppendLine(CultureInfo.InvariantCulture, $"…\n{N(mine.Rank)}. {mine.Name} {N(mine.NetWorth)}");
        if (view.Teams.Count > 0)
        {
            text.AppendLine(context.T("\n隊伍", "\nTeams"));
            foreach (var t in view.Teams.Take(10)) text.AppendLine(CultureInfo.InvariantCulture, $"{N(t.Rank)}. {t.Team} {N(t.Score)}");
        }
        Say(context, view.Individuals.Count == 0 ? context.T("還沒有排名。", "No rankings yet.") : text.ToString().TrimEnd());
        return Task.CompletedTask;
    }

    /// <summary>Team groups: the team's total net worth and its members' standing (the team is the sender's).</summary>
    private Task TeamPointAsync(BotContext context)
    {
        if (Linked(context, privateOnly: false) is not { } student) return Task.CompletedTask;
        var view = leaderboard.Current();
        if (student.Team is null || view.Teams.FirstOrDefault(t => t.Team == student.Team) is not { } team)
        {
            Say(context, context.T("你不屬於任何隊伍。", "You are not in a team."));
            return Task.CompletedTask;
        }
        var text = new StringBuilder(context.T(
            $"{team.Team} 隊：總淨值 {N(team.NetWorth)}，分數 {N(team.Score)}，排名第 {N(team.Rank)}（{N(team.Members)} 人）\n",
            $"Team {team.Team}: net worth {N(team.NetWorth)}, score {N(team.Score)}, rank #{N(team.Rank)} ({N(team.Members)} members)\n"));
        foreach (var e in view.Individuals.Where(e => e.Team == team.Team).Take(20))
            text.AppendLine(CultureInfo.InvariantCulture, $"{N(e.Rank)}. {e.Name} {N(e.NetWorth)}");
        Say(context, text.ToString().TrimEnd());
        return Task.CompletedTask;
    }

    private async Task LogAsync(BotContext context, CancellationToken ct)
    {
        if (Linked(context) is not { } student) return;
        var page = await ledger.PageAsync(new LedgerQuery(student.AccountId, PageSize: 10), ct);
        if (page.Entries.Count == 0)
        {
            Say(context, context.T("還沒有紀錄。", "No history yet."));
            return;
        }
        var text = new StringBuilder(context.T("最近紀錄\n", "Recent history\n"));
        foreach (var e in page.Entries)
        {
            var asset = e.Asset == 0 ? context.T("點", "pts") : Market.Instrument(e.Asset)?.Symbol ?? "#" + N(e.Asset);
            text.AppendLine(CultureInfo.InvariantCulture, $"{CampFormat.ShortDateTime(e.Time, Market.TimeZone)} {KindText(context, e.Kind)} {CampFormat.WithSign(e.Amount)} {asset} → {N(e.BalanceAfter)}");
        }
        Say(context, text.ToString().TrimEnd());
    }

    private static string KindText(BotContext context, LedgerKind kind) => kind switch
    {
        LedgerKind.Trade => context.T("成交", "trade"),
        LedgerKind.Issue => context.T("發行", "issue"),
        LedgerKind.Grant => context.T("發放", "grant"),
        LedgerKind.DebtRepayment => context.T("還債", "debt repaid"),
        LedgerKind.Transfer => context.T("轉帳", "transfer"),
        LedgerKind.TransferFee => context.T("手續費", "fee"),
        LedgerKind.Qr => "QR",
        LedgerKind.Booth => context.T("攤位", "booth"),
        LedgerKind.Arcade => context.T("遊戲機", "arcade"),
        LedgerKind.Duel => context.T("對戰", "duel"),
        LedgerKind.Settlement => context.T("結算", "settlement"),
        _ => kind.ToString(),
    };
}
