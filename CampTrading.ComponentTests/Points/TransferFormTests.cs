using CampTrading.ComponentTests.Support;
using CampTrading.Web.Points;
using Microsoft.AspNetCore.Components;

namespace CampTrading.ComponentTests.Points;

/// <summary>The transfer form over a real in-memory market: suggestions, fee preview, validation and the one confirmation dialog.</summary>
public sealed class TransferFormTests : CampComponentTest, IAsyncLifetime
{
    private readonly TestMarket _market = new();
    private int _bob;
    private int _alice;

    public TransferFormTests()
    {
        _market.AddTo(Services);
        SetRendererInfo(new RendererInfo("Server", true)); // an interactive circuit: the form follows market updates
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        _bob = await _market.StudentAsync("Bob", "Blue", 1_000);
        _alice = await _market.StudentAsync("Alice", "Red", 0);
        await _market.StudentAsync("Alan", null, 0);
        await _market.StudentAsync("Malia", "Red", 0);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _market.DisposeAsync();
    }

    private IRenderedComponent<TransferForm> RenderForm(int? user = null) => Render<TransferForm>(p => p
        .Add(f => f.AccountId, _bob)
        .Add(f => f.User, TestMarket.SignedIn(user ?? _bob)));

    private static void Type(IRenderedComponent<TransferForm> form, string selector, string text) =>
        form.Find(selector).Input(new ChangeEventArgs { Value = text });

    [Fact]
    public void Typing_part_of_a_name_suggests_the_students_it_matches_names_starting_with_it_first_and_never_the_sender()
    {
        var providers = RenderWithProviders();
        var form = RenderForm();

        Type(form, "#recipient", "al");

        providers.WaitForAssertion(() => Assert.Equal(["Alan", "Alice", "Malia"],
            providers.FindAll("[data-testid=suggestion]").Select(s => s.TextContent.Split(' ')[0].Trim())));
        Type(form, "#recipient", "bo");
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=suggestion]")));
    }

    [Fact]
    public async Task A_team_name_that_says_team_is_not_doubled()
    {
        await _market.StudentAsync("Rin", "紅隊", 0);
        await _market.StudentAsync("Rob", "Red", 0);
        var providers = RenderWithProviders();
        var form = RenderForm();

        Type(form, "#recipient", "r");

        providers.WaitForAssertion(() => Assert.Equal(2, providers.FindAll("[data-testid=suggestion]").Count(s => s.TextContent.StartsWith('R'))));
        var texts = providers.FindAll("[data-testid=suggestion]").Select(s => s.TextContent).ToArray();
        Assert.Contains(texts, t => t.StartsWith("Rin", StringComparison.Ordinal) && t.EndsWith("紅隊", StringComparison.Ordinal) && !t.Contains("小隊", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Rob", StringComparison.Ordinal) && t.Contains("小隊 Red", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("紅隊", "紅隊")]
    [InlineData("Red Team", "Red Team")]
    [InlineData("第3組", "第3組")]
    [InlineData("Red", "team Red")]
    [InlineData(" Steam ", "team Steam")]
    public void Team_labels_wrap_only_bare_names(string team, string label) =>
        Assert.Equal(label, CampTrading.Web.Components.TeamNames.Label(team, t => "team " + t));

    [Fact]
    public void Choosing_a_suggestion_makes_it_the_recipient()
    {
        var providers = RenderWithProviders();
        var form = RenderForm();

        Type(form, "#recipient", "ali");
        providers.WaitForAssertion(() => Assert.Equal(2, providers.FindAll("[data-testid=suggestion]").Count)); // Alice, Malia
        providers.FindAll("[data-testid=suggestion]").Single(s => s.TextContent.StartsWith("Alice", StringComparison.Ordinal)).Click();

        form.WaitForAssertion(() => Assert.Contains("收款人：Alice", form.Find("[data-testid=recipient-chosen]").TextContent));
    }

    [Fact]
    public void The_fee_preview_shows_fee_total_and_what_is_left_and_review_opens_only_when_all_is_valid()
    {
        var form = RenderForm();
        Assert.True(form.Find("[data-testid=review-transfer]").HasAttribute("disabled"));

        Type(form, "#recipient", "alice");
        form.WaitForAssertion(() => form.Find("[data-testid=recipient-chosen]"));
        Type(form, "#amount", "300");

        form.WaitForAssertion(() => Assert.Equal("3", form.Find("[data-testid=fee]").TextContent));
        Assert.Equal("303", form.Find("[data-testid=total]").TextContent);
        Assert.Equal("697", form.Find("[data-testid=after]").TextContent);
        Assert.Contains("Alice", form.Find("[data-testid=recipient-chosen]").TextContent);
        Assert.False(form.Find("[data-testid=review-transfer]").HasAttribute("disabled"));
    }

    [Fact]
    public void More_than_is_available_is_refused_before_review()
    {
        var form = RenderForm();
        Type(form, "#recipient", "alice");
        form.WaitForAssertion(() => form.Find("[data-testid=recipient-chosen]"));
        Type(form, "#amount", "995");

        form.WaitForAssertion(() => Assert.Equal("1,005", form.Find("[data-testid=total]").TextContent));
        Assert.Contains("可用點數不足", form.Find("[data-testid=transfer-problem]").TextContent);
        Assert.True(form.Find("[data-testid=review-transfer]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_name_nobody_has_is_said_so_and_cannot_be_reviewed()
    {
        var form = RenderForm();
        Type(form, "#recipient", "nobody-by-this-name");
        Type(form, "#amount", "10");

        form.WaitForAssertion(() => Assert.Contains("找不到「nobody-by-this-name」", form.Find("[data-testid=recipient-not-found]").TextContent));
        Assert.Empty(form.FindAll("[data-testid=recipient-chosen]"));
        Assert.True(form.Find("[data-testid=review-transfer]").HasAttribute("disabled"));
    }

    [Fact]
    public void Sending_to_oneself_is_refused()
    {
        var form = RenderForm();
        Type(form, "#recipient", "bob");
        Type(form, "#amount", "10");

        form.WaitForAssertion(() => Assert.Contains("不能轉帳給自己", form.Find("[data-testid=transfer-problem]").TextContent));
        Assert.True(form.Find("[data-testid=review-transfer]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_sends_nothing()
    {
        var providers = RenderWithProviders();
        var form = RenderForm();
        Type(form, "#recipient", "alice");
        form.WaitForAssertion(() => form.Find("[data-testid=recipient-chosen]"));
        Type(form, "#amount", "300");

        form.Find("[data-testid=review-transfer]").Click(); // not awaited: the handler waits for the dialog
        providers.WaitForAssertion(() => Assert.Contains("轉 300 點給 Alice？", providers.Find("[data-testid=confirm-dialog]").TextContent));
        Assert.Contains("手續費 3 點，共扣除 303 點。", providers.Find("[data-testid=confirm-fee]").TextContent);
        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]")));
        Assert.Equal(1_000, _market.Available(_bob));
        Assert.Empty(providers.FindAll("[data-testid=transfer-result]"));
    }

    [Fact]
    public async Task Confirming_sends_the_transfer_and_says_so_in_a_snackbar()
    {
        var providers = RenderWithProviders();
        var form = RenderForm();
        Type(form, "#recipient", "alice");
        form.WaitForAssertion(() => form.Find("[data-testid=recipient-chosen]"));
        Type(form, "#amount", "300");

        form.Find("[data-testid=review-transfer]").Click(); // not awaited: the handler waits for the dialog
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-ok]"));
        Assert.Contains("確認送出", providers.Find("[data-testid=confirm-ok]").TextContent);
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("已轉 300 點給 Alice", providers.Find("[data-testid=transfer-result]").TextContent));
        Assert.Equal(697, _market.Available(_bob));
        Assert.Equal(300, _market.Available(_alice));
        form.WaitForAssertion(() => Assert.Empty(form.FindAll("[data-testid=fee-preview]"))); // the amount is cleared for the next one
    }

    [Fact]
    public async Task A_user_who_may_no_longer_transfer_is_refused_at_the_moment_of_sending()
    {
        var providers = RenderWithProviders();
        var form = Render<TransferForm>(p => p
            .Add(f => f.AccountId, _bob)
            .Add(f => f.User, new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())));
        Type(form, "#recipient", "alice");
        form.WaitForAssertion(() => form.Find("[data-testid=recipient-chosen]"));
        Type(form, "#amount", "50");

        form.Find("[data-testid=review-transfer]").Click(); // not awaited: the handler waits for the dialog
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-ok]"));
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("refused", providers.Find("[data-testid=transfer-result]").ClassName));
        Assert.Equal(1_000, _market.Available(_bob));
    }
}
