using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;

namespace CampTrading.ComponentTests.Trading;

/// <summary>
/// The ticket's time-in-force choice for limit orders: GTC by default, IOC and FOK one tap away, each with a one-line
/// explanation; what is chosen goes with the order, and the answer says what happened (filled, partly filled then
/// cancelled, or nothing filled and cancelled).
/// </summary>
public sealed class TimeInForceTicketTests : CampComponentTest
{
    private readonly List<PlaceOrder> _sent = [];
    private CommandResult _answer = new(RejectCode.None, 1, OrderStatus.Filled, 5, 100);

    private IRenderedComponent<OrderTicketForm> RenderTicket(MarketStatusView? status = null) =>
        Render<OrderTicketForm>(ps => ps
            .Add(c => c.AccountId, 7)
            .Add(c => c.Instrument, TradingData.Instrument())
            .Add(c => c.Account, TradingData.Account())
            .Add(c => c.Status, status ?? TradingData.Status())
            .Add(c => c.Submit, order => { _sent.Add(order); return Task.FromResult(_answer); }));

    private static void Choose(IRenderedComponent<OrderTicketForm> cut, string group, string text) =>
        cut.Find($"[data-testid={group}]").QuerySelectorAll("*").First(e => e.TextContent.Trim() == text && e.ChildElementCount == 0).Click();

    private static void Type(IRenderedComponent<OrderTicketForm> cut, string testId, long value) =>
        cut.Find($"input[data-testid={testId}]").Input(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<string> SendAsync(IRenderedComponent<OrderTicketForm> cut, IRenderedComponent<MudProviderHost> providers, int n)
    {
        await cut.Find("[data-testid=submit-order]").ClickAsync(new());
        string text = "";
        providers.WaitForAssertion(() => text = providers.Find($"[data-testid=ticket-result][data-submission=\"{n}\"]").TextContent);
        return text;
    }

    [Fact]
    public void Gtc_is_the_default_and_each_choice_explains_itself()
    {
        var cut = RenderTicket();

        Assert.Equal(TimeInForce.Gtc, cut.Instance.Model.TimeInForce);
        Assert.Equal("能成交的立刻成交，其餘留在委託簿，直到成交或你取消。", cut.Find("[data-testid=tif-hint]").TextContent);

        Choose(cut, "time-in-force", "立即 IOC");
        Assert.Equal(TimeInForce.Ioc, cut.Instance.Model.TimeInForce);
        Assert.Equal("能成交的立刻成交，其餘馬上取消，不留單。", cut.Find("[data-testid=tif-hint]").TextContent);

        Choose(cut, "time-in-force", "全部 FOK");
        Assert.Equal("全部數量立刻成交；做不到就一股都不成交，整筆取消。", cut.Find("[data-testid=tif-hint]").TextContent);

        // A market order has no time in force to choose: it never rests.
        Choose(cut, "order-type", "市價");
        Assert.Empty(cut.FindAll("[data-testid=time-in-force]"));
        Assert.Empty(cut.FindAll("[data-testid=tif-hint]"));
    }

    [Fact]
    public async Task The_chosen_time_in_force_goes_with_the_order_and_the_answer_says_what_happened()
    {
        var providers = RenderWithProviders();
        var cut = RenderTicket();
        Type(cut, "price-input", 20);
        Type(cut, "qty-input", 5);

        Choose(cut, "time-in-force", "全部 FOK");
        _answer = new(RejectCode.None, 1, OrderStatus.Cancelled, 0, 0, 5, CancelReason.FokUnfilled);
        Assert.Equal("未成交：5 股已取消（無法一次全部成交（FOK），未成交任何股數）", await SendAsync(cut, providers, 1));
        Assert.Equal((OrderType.Limit, TimeInForce.Fok, 20L), (_sent[^1].Type, _sent[^1].TimeInForce, _sent[^1].Price));

        Choose(cut, "time-in-force", "立即 IOC");
        _answer = new(RejectCode.None, 2, OrderStatus.Cancelled, 2, 40, 3, CancelReason.NoLiquidity);
        Assert.Equal("部分成交：買進 2/5 股，均價 20；其餘 3 股已取消（無可成交的對手單）", await SendAsync(cut, providers, 2));
        Assert.Equal(TimeInForce.Ioc, _sent[^1].TimeInForce);

        Choose(cut, "time-in-force", "全部 FOK");
        _answer = new(RejectCode.None, 3, OrderStatus.Filled, 5, 100);
        Assert.Equal("全部成交：買進 5 股，均價 20", await SendAsync(cut, providers, 3));

        // A market order goes without one (the engine cancels its rest anyway).
        Choose(cut, "order-type", "市價");
        Assert.Equal(TimeInForce.Gtc, cut.Instance.Model.ToCommand(7, 1).TimeInForce);
    }

    [Fact]
    public void In_the_pre_open_fok_is_blocked_with_a_reason_and_ioc_says_it_joins_the_auction()
    {
        var cut = RenderTicket(TradingData.Status(SessionState.PreOpen));

        Choose(cut, "time-in-force", "全部 FOK");
        Assert.True(cut.Find("[data-testid=submit-order]").HasAttribute("disabled"));
        var blocked = cut.Find("[data-testid=submit-blocked]");
        Assert.Equal("FokNeedsOpen", blocked.GetAttribute("data-reason"));
        Assert.Equal("FOK 只在開盤後可用：盤前請選掛單或 IOC。", blocked.TextContent);

        Choose(cut, "time-in-force", "立即 IOC");
        Assert.False(cut.Find("[data-testid=submit-order]").HasAttribute("disabled"));
        Assert.Equal("參加開盤撮合；開盤時沒成交的部分取消。", cut.Find("[data-testid=tif-hint]").TextContent);
    }
}

public sealed class TimeInForceTicketEnglishTests() : CampComponentTest("en")
{
    [Fact]
    public void The_choice_reads_in_english_too()
    {
        var cut = Render<OrderTicketForm>(ps => ps
            .Add(c => c.AccountId, 7)
            .Add(c => c.Instrument, TradingData.Instrument())
            .Add(c => c.Status, TradingData.Status())
            .Add(c => c.Submit, _ => Task.FromResult(CommandResult.Ok())));
        Assert.Equal("Good till cancelled: what can trade now does; the rest waits in the book.", cut.Find("[data-testid=tif-hint]").TextContent);
        cut.Find("[data-testid=time-in-force]").QuerySelectorAll("*").First(e => e.TextContent.Trim() == "FOK" && e.ChildElementCount == 0).Click();
        Assert.Equal("Fill or kill: all of it trades now, or nothing does and it is cancelled.", cut.Find("[data-testid=tif-hint]").TextContent);
    }
}
