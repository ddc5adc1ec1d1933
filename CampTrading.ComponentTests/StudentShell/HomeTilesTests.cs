using System.Globalization;
using CampTrading.ComponentTests.Support;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Home;

namespace CampTrading.ComponentTests.StudentShell;

public sealed class HomeTilesTests : CampComponentTest
{
    private static HomeSummary Summary(long points = 9_819, long debt = 0, long realized = -1, int? rank = 3, params HoldingLine[] holdings) =>
        new("王小明", points, points - 100, 100, debt, realized, holdings, rank, 42);

    [Fact]
    public void Net_worth_is_points_plus_holdings_at_the_mark_minus_debt()
    {
        // 9 shares bought for 180 (average 20), marked at 19: worth 171, down 9.
        var cut = Render<WorthCard>(ps => ps.Add(c => c.Summary, Summary(holdings: new HoldingLine("CAMP", 9, 20m, 19, 180))));

        Assert.Equal("9,990", cut.Find("[data-testid=net-worth]").TextContent);
        Assert.Equal("9,819", cut.Find("[data-testid=points]").TextContent);
        Assert.Equal("9,719", cut.Find("[data-testid=available-points]").TextContent);
        Assert.Equal("100", cut.Find("[data-testid=reserved-points]").TextContent);
        Assert.Equal("−9", cut.Find("[data-testid=unrealized-pnl]").TextContent);
        Assert.Contains("loss", cut.Find("[data-testid=unrealized-pnl]").ClassList);
        Assert.Equal("−1", cut.Find("[data-testid=realized-pnl]").TextContent);
    }

    [Fact]
    public void Gains_are_red_with_a_plus_and_flat_is_muted()
    {
        var cut = Render<WorthCard>(ps => ps.Add(c => c.Summary, Summary(realized: 0, holdings: new HoldingLine("CAMP", 10, 20m, 25, 200))));

        Assert.Equal("+50", cut.Find("[data-testid=unrealized-pnl]").TextContent);
        Assert.Contains("gain", cut.Find("[data-testid=unrealized-pnl]").ClassList);
        Assert.Contains("flat", cut.Find("[data-testid=realized-pnl]").ClassList);
    }

    [Fact]
    public void Debt_shows_its_tile_and_lowers_net_worth()
    {
        var without = Render<WorthCard>(ps => ps.Add(c => c.Summary, Summary(points: 500)));
        Assert.Empty(without.FindAll("[data-testid=debt]"));

        var with = Render<WorthCard>(ps => ps.Add(c => c.Summary, Summary(points: 0, debt: 1_250)));
        Assert.Equal("1,250", with.Find("[data-testid=debt]").TextContent);
        Assert.Equal("-1,250", with.Find("[data-testid=net-worth]").TextContent);
        Assert.Contains("欠款還清前只能賣出", with.Find(".debt").TextContent);
    }

    [Fact]
    public void The_rank_chip_links_to_the_leaderboard_only_when_ranked()
    {
        var ranked = Render<WorthCard>(ps => ps.Add(c => c.Summary, Summary(rank: 3)));
        var chip = ranked.Find("[data-testid=my-rank]");
        Assert.Contains("第 3 名 · 共 42 人", chip.TextContent);
        Assert.Equal("/leaderboard", chip.GetAttribute("href"));

        var unranked = Render<WorthCard>(ps => ps.Add(c => c.Summary, Summary(rank: null)));
        Assert.Empty(unranked.FindAll("[data-testid=my-rank]"));
    }

    [Fact]
    public void Holdings_show_average_cost_value_and_pnl_with_percent()
    {
        var cut = Render<HoldingsCard>(ps => ps.Add(c => c.Holdings,
            [new HoldingLine("CAMP", 3, 58m / 3, 25, 58), new HoldingLine("TEA", 1_000, 12m, 11, 12_000)]));

        var camp = cut.Find("[data-testid=holding-CAMP]");
        Assert.Equal("19.33", camp.QuerySelector("[data-testid=avg-cost]")!.TextContent);
        Assert.Equal("25", camp.QuerySelector("[data-testid=mark-price]")!.TextContent);
        Assert.Equal("75", camp.QuerySelector("[data-testid=market-value]")!.TextContent);
        Assert.Equal("+17 +29.3%", camp.QuerySelector("[data-testid=pnl]")!.TextContent.Trim());
        Assert.Equal("/trade/CAMP", camp.QuerySelector("a.holding-head")!.GetAttribute("href"));

        var tea = cut.Find("[data-testid=holding-TEA]");
        Assert.Contains("1,000 股", tea.TextContent);
        Assert.Equal("−1,000 −8.3%", tea.QuerySelector("[data-testid=pnl]")!.TextContent.Trim());
        Assert.Contains("loss", tea.QuerySelector("[data-testid=pnl]")!.ClassList);
    }

    [Fact]
    public void No_holdings_invites_to_trade()
    {
        var cut = Render<HoldingsCard>(ps => ps.Add(c => c.Holdings, []));

        Assert.Contains("還沒有持股", cut.Find("[data-testid=no-holdings]").TextContent);
        Assert.Equal("/trade", cut.Find("[data-testid=no-holdings] a").GetAttribute("href"));
    }

    [Fact]
    public void The_summary_prices_holdings_at_the_mark_and_skips_empty_ones()
    {
        var account = new AccountView(7, "王小明", 9_000, 0, 0, default, [
            new HoldingView(1, "CAMP", 10, 0, 200),
            new HoldingView(2, "TEA", 0, 0, 0),
            new HoldingView(3, "GOLD", 0, 2, 0)], RealizedPnl: 5);
        var board = new LeaderboardView(1, [new LeaderboardEntry(2, 7, "王小明", null, 9_000, 250, 0)], []);

        var summary = HomeSummary.Of(account, id => id == 1 ? 25 : 30, board);

        Assert.Equal(["CAMP", "GOLD"], summary.Holdings.Select(h => h.Symbol));
        Assert.Equal(250, summary.HoldingsValue);
        Assert.Equal(50, summary.UnrealizedPnl);
        Assert.Equal(9_250, summary.NetWorth);
        Assert.Equal(2, summary.Rank);
        Assert.Equal(1, summary.Ranked);

        // The page draws again only when the figures differ: the same ones in new lists are the same.
        Assert.True(HomeSummary.Of(account, id => id == 1 ? 25 : 30, board).SameFigures(summary));
        Assert.False(HomeSummary.Of(account, id => id == 1 ? 26 : 30, board).SameFigures(summary)); // CAMP's mark moved
        Assert.False(HomeSummary.Of(account, id => id == 1 ? 25 : 30, board with { Individuals = [] }).SameFigures(summary)); // unranked
    }
}

public sealed class MarketStatusPanelTests : CampComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    private IRenderedComponent<MarketStatusPanel> RenderStatus(SessionState session, DateTimeOffset? next, bool? opens) =>
        Render<MarketStatusPanel>(ps => ps
            .Add(c => c.Status, MarketStatusView.Initial with { Session = session, NextChangeAt = next, NextChangeOpens = opens })
            .Add(c => c.Now, Now)
            .Add(c => c.Zone, Taipei));

    [Fact]
    public void Open_counts_down_to_the_close_in_the_camps_time()
    {
        var cut = RenderStatus(SessionState.Open, Now.AddMinutes(12).AddSeconds(5), opens: false);

        Assert.Equal("交易中", cut.Find("[data-testid=session-state]").TextContent);
        Assert.Contains("session-open", cut.Find("[data-testid=market-status]").ClassList);
        Assert.Contains("距離收盤", cut.Find(".next").TextContent);
        Assert.Equal("12:05", cut.Find("[data-testid=countdown]").TextContent);
        Assert.Contains("7/20 09:12", cut.Find(".when").TextContent);
    }

    [Fact]
    public void The_countdown_carries_what_the_browser_needs_to_move_it()
    {
        var countdown = RenderStatus(SessionState.Open, Now.AddMinutes(12), opens: false).Find("[data-testid=countdown]");

        Assert.Equal("countdown", countdown.GetAttribute("data-tick"));
        Assert.Equal(Now.AddMinutes(12).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), countdown.GetAttribute("data-to"));
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), countdown.GetAttribute("data-now"));
    }

    [Fact]
    public void Closed_counts_down_to_the_opening_in_hours()
    {
        var cut = RenderStatus(SessionState.Closed, Now.AddHours(2).AddMinutes(3).AddSeconds(4), opens: true);

        Assert.Equal("休市", cut.Find("[data-testid=session-state]").TextContent);
        Assert.Contains("距離開盤", cut.Find(".next").TextContent);
        Assert.Equal("2:03:04", cut.Find("[data-testid=countdown]").TextContent);
    }

    [Fact]
    public void Halted_without_a_schedule_says_so_and_a_late_tick_never_goes_negative()
    {
        var halted = RenderStatus(SessionState.Halted, null, null);
        Assert.Equal("暫停交易", halted.Find("[data-testid=session-state]").TextContent);
        Assert.Contains("session-halted", halted.Find("[data-testid=market-status]").ClassList);
        Assert.Equal("目前沒有排定的開收盤時間", halted.Find("[data-testid=no-schedule]").TextContent);
        Assert.Empty(halted.FindAll("[data-testid=countdown]"));

        var late = RenderStatus(SessionState.Open, Now.AddSeconds(-2), opens: false);
        Assert.Equal("00:00", late.Find("[data-testid=countdown]").TextContent);
    }
}
