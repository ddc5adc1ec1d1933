using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Duels;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.Duels;

public sealed class DuelCardTests : CampComponentTest
{
    private const int Ann = 1, Ben = 2;
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly List<DuelChoice> _chosen = [];
    private int _withdrawn;
    private DuelAnswer _answer = new(new CommandResult(RejectCode.None, 1));
    private readonly ManualClock _clock = new(Now);

    public DuelCardTests()
    {
        Services.AddSingleton<TimeProvider>(_clock);
        SetRendererInfo(new RendererInfo("Server", true)); // an interactive circuit: the countdown ticks
    }

    internal static DuelItem Duel(DuelState state, DuelGame game = DuelGame.RockPaperScissors, bool annChose = false, bool benChose = false,
        int winner = 0, DuelChoice? annChoice = null, DuelChoice? benChoice = null) =>
        new(11, Ann, "Ann", Ben, "Ben", state == DuelState.Open ? 0 : Ben, state == DuelState.Open ? null : "Ben", 100, game, state,
            Now.AddMinutes(4).AddSeconds(30), annChose, benChose, winner, annChoice, benChoice, Now);

    private IRenderedComponent<DuelCard> RenderCard(DuelItem duel, int viewer = Ann) =>
        Render<DuelCard>(ps => ps
            .Add(c => c.Duel, duel)
            .Add(c => c.AccountId, viewer)
            .Add(c => c.Choose, choice => { _chosen.Add(choice); return Task.FromResult(_answer); })
            .Add(c => c.Withdraw, () => { _withdrawn++; return Task.FromResult(_answer); }));

    [Fact]
    public void An_open_challenge_of_mine_can_be_withdrawn_and_counts_down()
    {
        var cut = RenderCard(Duel(DuelState.Open));

        Assert.Equal("Open", cut.Find("[data-testid=my-duel]").GetAttribute("data-phase"));
        Assert.Equal("等待應戰", cut.Find("[data-testid=duel-phase]").TextContent.Trim());
        Assert.Equal("Ben", cut.Find("[data-testid=duel-opponent-name]").TextContent);
        Assert.Contains("剩餘 4:30", cut.Find("[data-testid=duel-countdown]").TextContent);
        cut.Find("[data-testid=withdraw-duel]").Click();
        Assert.Equal(1, _withdrawn);
        Assert.Empty(cut.FindAll("[data-testid=choose-rock]"));
    }

    [Fact]
    public void Awaiting_my_choice_offers_three_hidden_choices_and_tells_that_they_chose()
    {
        var cut = RenderCard(Duel(DuelState.Chosen, benChose: true));

        Assert.Equal("請出拳", cut.Find("[data-testid=duel-phase]").TextContent.Trim());
        Assert.Equal("對手已出拳！", cut.Find("[data-testid=they-chose]").TextContent);
        cut.Find("[data-testid=choose-paper]").Click();
        Assert.Equal([DuelChoice.Paper], _chosen);
    }

    [Fact]
    public void After_my_choice_it_waits_without_showing_anything_else()
    {
        var cut = RenderCard(Duel(DuelState.Chosen, annChose: true));

        Assert.Equal("你已出拳，等待對手…", cut.Find("[data-testid=duel-waiting]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=choose-rock]"));
        Assert.Empty(cut.FindAll("[data-testid=they-chose]"));
    }

    [Fact]
    public void A_win_shows_the_stake_won_and_both_choices_from_my_side()
    {
        var won = RenderCard(Duel(DuelState.ChallengerWon, winner: Ann, annChoice: DuelChoice.Rock, benChoice: DuelChoice.Scissors));

        Assert.Equal("你贏了！+100 點", won.Find("[data-testid=duel-result]").TextContent.Trim());
        Assert.Contains("up", won.Find("[data-testid=duel-result]").ClassList);
        Assert.Equal("你出石頭 · 對手出剪刀", won.Find("[data-testid=duel-choices]").TextContent);
        Assert.Empty(won.FindAll("[data-testid=duel-countdown]"));

        var lost = RenderCard(Duel(DuelState.ChallengerWon, winner: Ann, annChoice: DuelChoice.Rock, benChoice: DuelChoice.Scissors), viewer: Ben);
        Assert.Equal("你輸了 −100 點", lost.Find("[data-testid=duel-result]").TextContent.Trim());
        Assert.Equal("你出剪刀 · 對手出石頭", lost.Find("[data-testid=duel-choices]").TextContent);
    }

    [Theory]
    [InlineData(DuelState.Tie, "平手，賭注已退回")]
    [InlineData(DuelState.Expired, "逾時，賭注已退回")]
    [InlineData(DuelState.Cancelled, "已取消，賭注已退回")]
    public void Ties_expiries_and_cancels_say_the_stake_came_back(DuelState state, string text)
    {
        var cut = RenderCard(Duel(state));

        Assert.Equal(text, cut.Find("[data-testid=duel-result]").TextContent.Trim());
    }

    [Fact]
    public void A_coin_flip_says_where_the_coin_fell()
    {
        var cut = RenderCard(Duel(DuelState.AccepterWon, DuelGame.CoinFlip, winner: Ben));

        Assert.Equal("硬幣落在對手那邊", cut.Find("[data-testid=duel-coin]").TextContent);
    }

    [Fact]
    public async Task A_refusal_goes_to_a_snackbar_in_plain_words()
    {
        _answer = new DuelAnswer(new CommandResult(RejectCode.DuelAlreadyOpen));
        var providers = RenderWithProviders();
        var cut = RenderCard(Duel(DuelState.Open));

        await cut.Find("[data-testid=withdraw-duel]").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("你已經有一場進行中的對決", providers.Markup));
        Assert.DoesNotContain("duel_already_open", providers.Markup);
    }

    [Fact]
    public void The_countdown_bar_empties_as_the_expiry_nears()
    {
        Assert.Equal(90, DuelCountdown.Percent(TimeSpan.FromSeconds(270), TimeSpan.FromMinutes(5)), 3);
        Assert.Equal(0, DuelCountdown.Percent(DuelCountdown.Left(Now, Now.AddSeconds(5)), TimeSpan.FromMinutes(5)));
        Assert.Equal("0:09", DuelCountdown.Clock(TimeSpan.FromSeconds(9)));

        var cut = Render<DuelCountdown>(ps => ps.Add(c => c.ExpiresAt, Now.AddSeconds(20)));
        Assert.Contains("soon", cut.Find("[data-testid=duel-countdown]").ClassList);
        Assert.Equal("剩餘 0:20", cut.Find("[data-testid=duel-countdown]").TextContent.Trim());
    }

    [Fact]
    public void The_countdown_moves_itself_each_second_without_drawing_its_card_again_and_stops_at_the_expiry()
    {
        var card = RenderCard(Duel(DuelState.Open) with { ExpiresAt = Now.AddSeconds(2) });
        var countdown = card.FindComponent<DuelCountdown>();
        var withdraw = card.FindComponent<MudBlazor.MudButton>();
        var withdrawRenders = withdraw.RenderCount;
        Assert.Equal(1, _clock.TimersRunning);

        _clock.Advance(TimeSpan.FromSeconds(1));
        countdown.WaitForAssertion(() => Assert.Equal("剩餘 0:01", card.Find("[data-testid=duel-countdown]").TextContent.Trim()));
        _clock.Advance(TimeSpan.FromSeconds(1));
        countdown.WaitForAssertion(() => Assert.Equal("剩餘 0:00", card.Find("[data-testid=duel-countdown]").TextContent.Trim()));

        // The card's button was not drawn again (a tap on it never meets a handler a tick replaced), and the ticking ended.
        Assert.Equal(withdrawRenders, withdraw.RenderCount);
        card.WaitForAssertion(() => Assert.Equal(0, _clock.TimersRunning));
    }

    [Fact]
    public async Task A_countdown_that_leaves_the_page_stops_its_timer()
    {
        var cut = Render<DuelCountdown>(ps => ps.Add(c => c.ExpiresAt, Now.AddMinutes(3)));
        Assert.Equal(1, _clock.TimersRunning);

        await DisposeComponentsAsync();

        cut.WaitForAssertion(() => Assert.Equal(0, _clock.TimersRunning));
    }
}

public sealed class DuelCardOrderTests
{
    private static DuelItem With(long id, DuelState state) => DuelCardTests.Duel(state) with { Id = id };

    [Fact]
    public void A_duel_that_just_finished_keeps_its_place_and_new_ones_come_in_at_the_top()
    {
        // The board: unfinished first (newest first), then finished ones.
        IReadOnlyList<DuelItem> board = [With(5, DuelState.Accepted), With(4, DuelState.Open), With(2, DuelState.ChallengerWon)];
        var shown = DuelCardOrder.Keep([], board);
        Assert.Equal([5L, 4, 2], shown.Select(d => d.Id));

        // Duel 5 is decided: the board now lists it after the running one; the page keeps it on top, with its result.
        IReadOnlyList<DuelItem> later = [With(6, DuelState.Open), With(4, DuelState.Open), With(5, DuelState.AccepterWon), With(2, DuelState.ChallengerWon)];
        var next = DuelCardOrder.Keep(shown.Select(d => d.Id).ToArray(), later);

        Assert.Equal([6L, 5, 4, 2], next.Select(d => d.Id));
        Assert.Equal(DuelState.AccepterWon, next[1].State);
    }

    [Fact]
    public void A_duel_gone_from_the_board_leaves_the_page()
    {
        var next = DuelCardOrder.Keep([3L, 2], [With(2, DuelState.Expired)]);

        Assert.Equal([2L], next.Select(d => d.Id));
    }
}
