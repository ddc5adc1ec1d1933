using System.Security.Claims;
using CampTrading.ComponentTests.Points;
using CampTrading.ComponentTests.Support;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Identity;
using CampTrading.Web.Notifications;
using CampTrading.Web.Telegram.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.Notifications;

/// <summary>The web notifier on a real in-memory engine: what reaches the student's screen, and what a mute keeps away.</summary>
public sealed class StudentNotifierTests : CampComponentTest, IAsyncLifetime
{
    private readonly TestMarket _market = new();
    private readonly DuelBoard _board = new();
    private readonly FakeMutes _mutes = new();
    private readonly FakeArrivals _arrivals = new();
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _auth;
    private int _mei, _ken, _camp;

    public StudentNotifierTests()
    {
        _auth = AddAuthorization();
        _market.AddTo(Services);
        Services.AddSingleton(_board);
        Services.AddSingleton<INotificationMutes>(_mutes);
        Services.AddSingleton<IPointArrivals>(_arrivals);
        SetRendererInfo(new RendererInfo("Server", true)); // an interactive circuit: the notifier follows the engine
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        _mei = await _market.StudentAsync("Mei", "紅隊", 1_000);
        _ken = await _market.StudentAsync("Ken", "藍隊", 1_000);
        _camp = (int)(await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Corp", 20, 1_000))).Id;
        await _market.SubmitAsync(new Grant(_ken, _camp, 50, "start", "test"));
        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _market.DisposeAsync();
        await DisposeAsync();
    }

    private (IRenderedComponent<MudProviderHost> Providers, IRenderedComponent<StudentNotifier> Notifier) RenderFor(int accountId)
    {
        _auth.SetAuthorized("student").SetClaims(new Claim(CampClaims.AccountId, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var providers = RenderWithProviders();
        var notifier = Render<StudentNotifier>();
        return (providers, notifier);
    }

    /// <summary>Mei's buy of 5 at 19 rests; Ken sells into it, partly or fully.</summary>
    private async Task RestingBuyFilledAsync(long sold)
    {
        var rest = await _market.SubmitAsync(new PlaceOrder(_mei, _camp, Side.Buy, OrderType.Limit, 5, 19));
        Assert.Equal(OrderStatus.Open, rest.Status);
        await _market.SubmitAsync(new PlaceOrder(_ken, _camp, Side.Sell, OrderType.Limit, sold, 19));
    }

    [Fact]
    public async Task A_resting_order_filled_by_someone_else_becomes_a_toast()
    {
        var (providers, _) = RenderFor(_mei);

        await RestingBuyFilledAsync(5);

        providers.WaitForAssertion(() => Assert.Contains("成交：買進 CAMP 5 股 @ 19，委託全部成交", providers.Find("[data-testid=notification-toast]").TextContent));
        Assert.Equal(NotificationKinds.Fills, providers.Find("[data-testid=notification-toast]").GetAttribute("data-kind"));
        Assert.Equal("/trade/CAMP", providers.Find("[data-testid=notification-toast] a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_partial_fill_says_what_still_rests()
    {
        var (providers, _) = RenderFor(_mei);

        await RestingBuyFilledAsync(2);

        providers.WaitForAssertion(() => Assert.Contains("部分成交：買進 CAMP 2 股 @ 19，尚有 3 股掛單中", providers.Find("[data-testid=notification-toast]").TextContent));
    }

    [Fact]
    public async Task The_taker_is_not_told_again_what_the_ticket_already_answered()
    {
        var (providers, notifier) = RenderFor(_ken);

        await RestingBuyFilledAsync(5);
        await _market.SubmitAsync(new Transfer(_mei, _ken, 1)); // a later change to Ken's account: the fill was seen by now
        await Task.Delay(200);

        Assert.Empty(providers.FindAll("[data-testid=notification-toast]"));
        Assert.Equal(0, notifier.Instance.Shown);
    }

    [Fact]
    public async Task Muted_fills_show_no_toast()
    {
        _mutes.Muted.Add(NotificationKinds.Fills);
        var (providers, notifier) = RenderFor(_mei);

        await RestingBuyFilledAsync(5);
        // Nothing renders when a notice is muted, so there is no render to wait for: poll until the notifier has asked.
        for (var i = 0; i < 200 && _mutes.Asked == 0; i++) await Task.Delay(50);
        Assert.True(_mutes.Asked > 0);
        await Task.Delay(100);

        Assert.Empty(providers.FindAll("[data-testid=notification-toast]"));
        Assert.Equal(0, notifier.Instance.Shown);
    }

    [Fact]
    public async Task A_resting_feed_order_filled_when_the_price_comes_down_is_a_toast_in_whole_units_and_an_instant_fill_is_not()
    {
        var btc = (int)(await _market.SubmitAsync(ListFeedInstrument.Of("BTC", "Bitcoin", new FeedTerms(1000, 10, 5, 20, 1000, 2000, 30),
            new FeedSourceSettings("replay", "BTCUSDT"), "test"))).Id;
        await _market.SubmitAsync(new FeedPrice(btc, 90_000, 1));
        var (providers, notifier) = RenderFor(_mei);

        var instant = await _market.SubmitAsync(new PlaceOrder(_mei, btc, Side.Buy, OrderType.Market, 1));
        Assert.Equal(OrderStatus.Filled, instant.Status); // answered on the ticket: no toast
        var rest = await _market.SubmitAsync(new PlaceOrder(_mei, btc, Side.Buy, OrderType.Limit, 10, 80_000));
        Assert.Equal(OrderStatus.Open, rest.Status);
        await Task.Delay(500); // the notifier has seen the order resting
        await _market.SubmitAsync(new FeedPrice(btc, 79_000, 2)); // the house now sells at 79,079: the limit is reached

        providers.WaitForAssertion(() => Assert.Contains("成交：買進 BTC 0.010 @ 79,079，委託全部成交", providers.Find("[data-testid=notification-toast]").TextContent));
        Assert.Equal(1, notifier.Instance.Shown);
    }

    [Fact]
    public async Task Points_received_show_the_sender_and_their_note()
    {
        var (providers, _) = RenderFor(_mei);
        _arrivals.Next = [new PointArrival(41, LedgerKind.Transfer, 30, _ken, "謝謝你的午餐 <b>")];

        await _market.SubmitAsync(new Transfer(_ken, _mei, 30, "謝謝你的午餐 <b>"));

        providers.WaitForAssertion(() => Assert.Contains("Ken 轉給你 30 點", providers.Find("[data-testid=notification-toast]").TextContent));
        Assert.Equal("謝謝你的午餐 <b>", providers.Find("[data-testid=notification-note]").TextContent);
        Assert.Equal(NotificationKinds.Transfers, providers.Find("[data-testid=notification-toast]").GetAttribute("data-kind"));
    }

    [Fact]
    public async Task Muted_transfers_show_no_toast_but_grants_still_do()
    {
        _mutes.Muted.Add(NotificationKinds.Transfers);
        var (providers, _) = RenderFor(_mei);
        _arrivals.Next = [new PointArrival(41, LedgerKind.Transfer, 30, _ken, null), new PointArrival(42, LedgerKind.Grant, 100, 2, "早起獎勵")];

        await _market.SubmitAsync(new Transfer(_ken, _mei, 30));

        providers.WaitForAssertion(() => Assert.Single(providers.FindAll("[data-testid=notification-toast]")));
        Assert.Contains("工作人員發給你 100 點", providers.Find("[data-testid=notification-toast]").TextContent);
        Assert.Equal("早起獎勵", providers.Find("[data-testid=notification-note]").TextContent);
    }

    private static DuelItem Duel(long id, int challenger, int? opponent, DuelState state, int accepter = 0, int winner = 0) =>
        new(id, challenger, "Ken", opponent, opponent is null ? null : "Mei", accepter, accepter == 0 ? null : "Mei", 10, DuelGame.CoinFlip, state,
            null, false, false, winner, null, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_challenge_named_to_me_and_its_result_are_told()
    {
        var (providers, _) = RenderFor(_mei);

        _board.Updates.Publish(new DuelUpdate(1, [Duel(7, _ken, _mei, DuelState.Open)]));
        providers.WaitForAssertion(() => Assert.Contains("Ken 向你挑戰：擲硬幣，賭注 10 點", providers.Find("[data-testid=notification-toast]").TextContent));

        _board.Updates.Publish(new DuelUpdate(2, [Duel(7, _ken, _mei, DuelState.ChallengerWon, accepter: _mei, winner: _ken)]));
        providers.WaitForAssertion(() => Assert.Contains(providers.FindAll("[data-testid=notification-toast]"), t => t.TextContent.Contains("你輸了和 Ken 的對決 −10 點", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Muted_duels_show_no_toast()
    {
        _mutes.Muted.Add(NotificationKinds.Duels);
        var (providers, notifier) = RenderFor(_mei);

        _board.Updates.Publish(new DuelUpdate(1, [Duel(7, _ken, _mei, DuelState.Open)]));
        // Nothing renders when a notice is muted, so there is no render to wait for: poll until the notifier has asked.
        for (var i = 0; i < 200 && _mutes.Asked == 0; i++) await Task.Delay(50);
        Assert.True(_mutes.Asked > 0);
        await Task.Delay(100);

        Assert.Empty(providers.FindAll("[data-testid=notification-toast]"));
        Assert.Equal(0, notifier.Instance.Shown);
    }

    [Fact]
    public void Someone_elses_duel_is_not_my_news()
    {
        var (providers, notifier) = RenderFor(_mei);

        _board.Updates.Publish(new DuelUpdate(1, [Duel(8, _ken, null, DuelState.Open)]));
        _board.Updates.Publish(new DuelUpdate(2, [Duel(9, _ken, _ken + 1, DuelState.ChallengerWon, accepter: _ken + 1, winner: _ken)]));

        Assert.Empty(providers.FindAll("[data-testid=notification-toast]"));
        Assert.Equal(0, notifier.Instance.Shown);
    }

    private sealed class FakeMutes : INotificationMutes
    {
        public HashSet<string> Muted { get; } = [];
        public int Asked { get; private set; }

        public Task<IReadOnlySet<string>> MutedAsync(int accountId, CancellationToken cancellationToken = default)
        {
            Asked++;
            return Task.FromResult<IReadOnlySet<string>>(Muted);
        }
    }

    private sealed class FakeArrivals : IPointArrivals
    {
        public IReadOnlyList<PointArrival> Next { get; set; } = [];

        public Task<long> CursorAsync(int accountId, CancellationToken cancellationToken = default) => Task.FromResult(0L);

        public Task<IReadOnlyList<PointArrival>> AfterAsync(int accountId, long cursor, long seq, CancellationToken cancellationToken = default)
        {
            var next = Next.Where(a => a.Id > cursor).ToList();
            return Task.FromResult<IReadOnlyList<PointArrival>>(next);
        }
    }
}
