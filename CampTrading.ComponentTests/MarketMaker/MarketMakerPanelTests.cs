using CampTrading.ComponentTests.Support;
using CampTrading.Core.MarketMaker;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.MarketMaker;

namespace CampTrading.ComponentTests.MarketMaker;

public sealed class MarketMakerPanelTests : CampComponentTest
{
    private static readonly MakerSettings Camp = new() { InstrumentId = 1, DailyLossLimit = 5_000 };

    private static MarketMakerStatus Status(MakerState state, long realized = 0, long unrealized = 0, string? limitReason = null) =>
        new(state, 100, Camp, 40_000, 95, new MakerPnl(realized, unrealized), 4, limitReason, null, DateTimeOffset.UnixEpoch);

    private static IReadOnlyList<OpenOrderItem> Quotes() =>
    [
        new(1, 1, Side.Buy, 19, 10, 10, DateTimeOffset.UnixEpoch),
        new(2, 1, Side.Sell, 21, 10, 6, DateTimeOffset.UnixEpoch),
    ];

    [Fact]
    public void The_status_shows_the_state_holdings_the_days_pnl_and_the_open_quotes()
    {
        var cut = Render<MakerStatusPanel>(p => p.Add(x => x.Status, Status(MakerState.Quoting, realized: 120, unrealized: -200))
            .Add(x => x.Symbol, "CAMP").Add(x => x.Quotes, Quotes()));

        Assert.Contains("Quoting", cut.Find("[data-testid=maker-state]").TextContent);
        Assert.Equal("CAMP", cut.Find("[data-testid=maker-symbol]").TextContent.Trim());
        Assert.Equal("40,000", cut.Find("[data-testid=maker-points]").TextContent);
        Assert.Equal("95", cut.Find("[data-testid=maker-shares]").TextContent);
        Assert.Equal("+120", cut.Find("[data-testid=maker-realized]").TextContent);
        Assert.Equal("-200", cut.Find("[data-testid=maker-unrealized]").TextContent);
        Assert.Equal("-80", cut.Find("[data-testid=maker-pnl]").TextContent);
        Assert.Contains("neg", cut.Find("[data-testid=maker-pnl]").ClassName);
        var rows = cut.FindAll("[data-testid=maker-quote]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Sell", rows[0].GetAttribute("data-side")); // highest price first
        Assert.Contains("6", rows[0].TextContent);
    }

    [Fact]
    public void Paused_at_its_limit_it_says_why_and_offers_resume()
    {
        var resumed = false;
        var cut = Render<MakerStatusPanel>(p => p.Add(x => x.Status, Status(MakerState.PausedAtLimit, limitReason: "P&L -5000 ≤ −5000"))
            .Add(x => x.ShowControls, true).Add(x => x.OnResume, () => resumed = true));

        Assert.Equal("PausedAtLimit", cut.Find("[data-testid=maker-state]").GetAttribute("data-state"));
        Assert.Contains("loss limit", cut.Find("[data-testid=maker-limit-reason]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=maker-pause]"));
        cut.Find("[data-testid=maker-resume]").Click();
        Assert.True(resumed);
    }

    [Fact]
    public void Quoting_it_offers_pause()
    {
        var paused = false;
        var cut = Render<MakerStatusPanel>(p => p.Add(x => x.Status, Status(MakerState.Quoting)).Add(x => x.ShowControls, true).Add(x => x.OnPause, () => paused = true));

        cut.Find("[data-testid=maker-pause]").Click();
        Assert.True(paused);
    }

    [Fact]
    public void Not_set_up_the_controls_are_disabled_and_the_card_has_no_controls()
    {
        var panel = Render<MakerStatusPanel>(p => p.Add(x => x.Status, MarketMakerStatus.Initial).Add(x => x.ShowControls, true));
        Assert.True(panel.Find("[data-testid=maker-pause]").HasAttribute("disabled"));

        var card = Render<MakerStatusPanel>(p => p.Add(x => x.Status, MarketMakerStatus.Initial));
        Assert.Contains("Not set up", card.Find("[data-testid=maker-state]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=maker-pause]"));
        Assert.Empty(card.FindAll("[data-testid=maker-quotes]"));
    }

    [Fact]
    public async Task Settings_out_of_range_are_refused_under_the_field_and_nothing_is_saved()
    {
        MakerSettings? saved = null;
        var cut = Render<MakerSettingsFormView>(p => p.Add(x => x.Form, MakerSettingsForm.From(Camp)).Add(x => x.Instruments, [(1, "CAMP")])
            .Add(x => x.OnSave, (MakerSettings s) => saved = s));

        await cut.Find("input[data-testid=maker-levels]").InputAsync(new() { Value = "11" });
        await cut.Find("input[data-testid=maker-min-shares]").InputAsync(new() { Value = "2000" });
        await cut.Find("[data-testid=maker-save]").ClickAsync(new());

        Assert.Null(saved);
        var errors = cut.Find("[data-testid=maker-outcome-errors]").TextContent;
        Assert.Contains("The levels must be 1–10", errors);
        Assert.Contains("The minimum holding cannot exceed the maximum", errors);
        Assert.Contains("The levels must be 1–10", string.Join(' ', cut.FindAll(".mud-input-error").Select(e => e.TextContent)));
    }

    [Fact]
    public async Task Valid_settings_are_saved()
    {
        MakerSettings? saved = null;
        var cut = Render<MakerSettingsFormView>(p => p.Add(x => x.Form, MakerSettingsForm.From(Camp)).Add(x => x.Instruments, [(1, "CAMP")])
            .Add(x => x.OnSave, (MakerSettings s) => saved = s));

        await cut.Find("input[data-testid=maker-spread]").InputAsync(new() { Value = "4" });
        await cut.Find("input[data-testid=maker-size]").InputAsync(new() { Value = "25" });
        await cut.Find("input[data-testid=maker-loss]").InputAsync(new() { Value = "800" });
        await cut.Find("[data-testid=maker-save]").ClickAsync(new());

        Assert.NotNull(saved);
        Assert.Equal(Camp with { SpreadTicks = 4, SizePerLevel = 25, DailyLossLimit = 800 }, saved);
        Assert.Empty(cut.FindAll("[data-testid=maker-outcome-errors]"));
    }

    [Fact]
    public void Without_a_stock_the_form_refuses_to_save()
    {
        MakerSettings? saved = null;
        var cut = Render<MakerSettingsFormView>(p => p.Add(x => x.Form, MakerSettingsForm.From(new MakerSettings())).Add(x => x.OnSave, (MakerSettings s) => saved = s));

        cut.Find("[data-testid=maker-save]").Click();

        Assert.Null(saved);
        Assert.Contains("Choose a stock", cut.Find("[data-testid=maker-outcome-errors]").TextContent);
    }

    [Fact]
    public async Task Funding_passes_the_amounts_and_refuses_nothing_or_negative()
    {
        (long Points, long Shares)? funded = null;
        var cut = Render<MakerFundForm>(p => p.Add(x => x.CanFund, true).Add(x => x.OnFund, ((long Points, long Shares) a) => funded = a));

        cut.Find("[data-testid=maker-fund-go]").Click();
        Assert.Null(funded);
        Assert.Contains("Enter points or shares", cut.Find("[data-testid=maker-fund-error]").TextContent);

        await cut.Find("input[data-testid=maker-fund-shares]").InputAsync(new() { Value = "-5" });
        cut.Find("[data-testid=maker-fund-go]").Click();
        Assert.Null(funded);

        await cut.Find("input[data-testid=maker-fund-points]").InputAsync(new() { Value = "50000" });
        await cut.Find("input[data-testid=maker-fund-shares]").InputAsync(new() { Value = "200" });
        cut.Find("[data-testid=maker-fund-go]").Click();
        Assert.Equal((50_000L, 200L), funded);
    }
}
