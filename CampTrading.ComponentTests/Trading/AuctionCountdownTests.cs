using CampTrading.ComponentTests.Support;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.Trading;

/// <summary>
/// The pre-open countdown on the trade page's ticket and banner and on the board: "opens in mm:ss" to the schedule's
/// open, "opens when staff open the market" when staff started the pre-open, nothing outside the pre-open.
/// </summary>
public sealed class AuctionCountdownTests : CampComponentTest
{
    private static readonly DateTimeOffset Open = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public AuctionCountdownTests() => Services.AddSingleton<TimeProvider>(new ManualClock(Open.AddMinutes(-7).AddSeconds(-5)));

    private static MarketStatusView Status(SessionState session, MarketOverride marketOverride = MarketOverride.None, bool? opens = true) =>
        MarketStatusView.Initial with { Session = session, Override = marketOverride, NextChangeAt = Open, NextChangeOpens = opens };

    [Fact]
    public void A_scheduled_pre_open_counts_down_to_the_open()
    {
        var cut = Render<AuctionCountdown>(ps => ps.Add(c => c.Status, Status(SessionState.PreOpen)));
        var countdown = cut.Find("[data-testid=auction-countdown]");
        Assert.Equal("開盤倒數 07:05", countdown.TextContent.Trim());
        Assert.Equal(Open.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), countdown.GetAttribute("data-opens-at"));
    }

    [Fact]
    public void The_browser_moves_the_countdown_so_the_server_keeps_no_timer()
    {
        var time = new ManualClock(Open.AddMinutes(-7).AddSeconds(-5));
        Services.AddSingleton<TimeProvider>(time);
        var cut = Render<AuctionCountdown>(ps => ps.Add(c => c.Status, Status(SessionState.PreOpen)));

        var seconds = cut.Find("[data-testid=auction-countdown] strong");
        Assert.Equal("countdown-up", seconds.GetAttribute("data-tick")); // 00:00 only at the open itself, as drawn here
        Assert.Equal(Open.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), seconds.GetAttribute("data-to"));
        Assert.Equal(0, time.TimersCreated);
        Assert.Equal(1, cut.RenderCount);
    }

    [Fact]
    public void A_pre_open_staff_started_says_staff_open_it()
    {
        var cut = Render<AuctionCountdown>(ps => ps.Add(c => c.Status, Status(SessionState.PreOpen, MarketOverride.PreOpen)));
        var countdown = cut.Find("[data-testid=auction-countdown]");
        Assert.Equal("true", countdown.GetAttribute("data-manual"));
        Assert.Equal("工作人員宣布開盤時撮合", countdown.TextContent.Trim());
    }

    [Fact]
    public void Outside_the_pre_open_there_is_no_countdown()
    {
        Assert.Empty(Render<AuctionCountdown>(ps => ps.Add(c => c.Status, Status(SessionState.Closed))).FindAll("[data-testid=auction-countdown]"));
        Assert.Empty(Render<AuctionCountdown>(ps => ps.Add(c => c.Status, Status(SessionState.Open, opens: false))).FindAll("[data-testid=auction-countdown]"));
    }

    [Fact]
    public void The_tickets_pre_open_box_shows_the_indicative_price_and_the_countdown()
    {
        var crossed = TradingData.Instrument(bids: [new(21, 30, 2)], asks: [new(19, 10, 1)]) with { Indicative = new AuctionOutcome(20, 10, 30, 10) };
        var cut = Render<OrderTicketForm>(ps => ps
            .Add(c => c.AccountId, 7)
            .Add(c => c.Instrument, crossed)
            .Add(c => c.Status, Status(SessionState.PreOpen))
            .Add(c => c.Submit, _ => Task.FromResult(CampTrading.Core.Engine.CommandResult.Ok())));
        var box = cut.Find("[data-testid=pre-open]");
        Assert.Equal("試算價 20，可成交 10 股", box.QuerySelector("[data-testid=indicative]")!.TextContent);
        Assert.Equal("開盤倒數 07:05", box.QuerySelector("[data-testid=auction-countdown]")!.TextContent.Trim());
    }
}

public sealed class AuctionCountdownEnglishTests() : CampComponentTest("en")
{
    [Fact]
    public void The_countdown_reads_in_english()
    {
        var open = new DateTimeOffset(2025, 7, 1, 1, 0, 0, TimeSpan.Zero);
        Services.AddSingleton<TimeProvider>(new ManualClock(open.AddSeconds(-75)));
        var status = MarketStatusView.Initial with { Session = SessionState.PreOpen, NextChangeAt = open, NextChangeOpens = true };
        Assert.Equal("Opens in 01:15", Render<AuctionCountdown>(ps => ps.Add(c => c.Status, status)).Find("[data-testid=auction-countdown]").TextContent.Trim());
        var manual = status with { Override = MarketOverride.PreOpen };
        Assert.Equal("Opens when staff open the market", Render<AuctionCountdown>(ps => ps.Add(c => c.Status, manual)).Find("[data-testid=auction-countdown]").TextContent.Trim());
    }
}
