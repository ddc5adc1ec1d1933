using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Web.Duels;

namespace CampTrading.ComponentTests.Duels;

public sealed class DuelChallengeFormTests : CampComponentTest
{
    private static readonly string[] Students = ["Ben", "Bella"];
    private readonly List<(string Opponent, long Stake, DuelGame Game)> _sent = [];

    private IRenderedComponent<DuelChallengeForm> RenderForm(long available = 1_000) =>
        Render<DuelChallengeForm>(ps => ps
            .Add(c => c.AccountId, 1)
            .Add(c => c.AvailablePoints, available)
            .Add(c => c.Suggest, text => Students.Where(n => n.StartsWith(text, StringComparison.OrdinalIgnoreCase)).ToArray())
            .Add(c => c.Challenge, (opponent, stake, game) =>
            {
                _sent.Add((opponent, stake, game));
                return Task.FromResult(new DuelAnswer(new CommandResult(RejectCode.None, 31)));
            }));

    [Fact]
    public async Task A_stake_below_one_point_is_refused_by_the_form()
    {
        var cut = RenderForm();
        cut.Find("input[data-testid=duel-stake]").Input("0");

        await cut.Find("[data-testid=duel-create]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("賭注至少 1 點。", cut.Markup));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task A_stake_above_the_available_points_is_refused_by_the_form()
    {
        var cut = RenderForm(available: 80);
        cut.Find("[data-testid=stake-100]").Click();

        await cut.Find("[data-testid=duel-create]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("可用點數不足（可用 80 點）。", cut.Markup));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task A_valid_challenge_is_sent_with_the_chosen_game_and_told_in_a_snackbar()
    {
        var providers = RenderWithProviders();
        var cut = RenderForm();
        cut.Find("input[data-testid=duel-opponent]").Input("Be");
        Assert.Equal(["Ben", "Bella"], cut.FindAll("[data-testid=duel-suggestion]").Select(e => e.TextContent.Trim()));
        cut.Find("[data-testid=duel-suggestion]").Click();
        cut.Find("[data-testid=stake-500]").Click();
        cut.Find("[data-testid=game-coin]").Click();
        Assert.Equal("true", cut.Find("[data-testid=game-coin]").GetAttribute("aria-checked"));

        await cut.Find("[data-testid=duel-create]").ClickAsync(new());

        Assert.Equal([("Ben", 500L, DuelGame.CoinFlip)], _sent);
        providers.WaitForAssertion(() => Assert.Equal("已發起挑戰（#31），賭注 500 點已圈存。", providers.Find("[data-testid=duel-message]").TextContent));
    }

    [Fact]
    public void A_blank_opponent_challenges_the_room()
    {
        var cut = RenderForm();

        Assert.Equal("向全場挑戰", cut.Find("[data-testid=duel-create]").TextContent.Trim());
        cut.Find("input[data-testid=duel-opponent]").Input("Ben");
        Assert.Equal("發起挑戰", cut.Find("[data-testid=duel-create]").TextContent.Trim());
    }
}
