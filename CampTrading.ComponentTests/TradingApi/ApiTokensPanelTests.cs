using CampTrading.ComponentTests.Support;
using CampTrading.Web.TradingApi;
using Microsoft.AspNetCore.Components;

namespace CampTrading.ComponentTests.TradingApi;

/// <summary>The API tokens page's content from plain data: creating shows the secret once, revoking asks first, the limits are shown.</summary>
public sealed class ApiTokensPanelTests : CampComponentTest
{
    private const string Secret = "ctk_abcdefghij_0123456789012345678901234567890123456789012";
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly List<ApiTokenDraft> _created = [];
    private readonly List<long> _revoked = [];
    private List<ApiToken> _tokens = [];

    private static ApiToken Token(long id, string name, DateTimeOffset? revokedAt = null) =>
        new(id, "abcdefghij", 7, name, ApiScopes.Read | ApiScopes.Trade, Now.AddHours(-1), null, revokedAt, null, null, 3);

    private IRenderedComponent<ApiTokensPanel> RenderPanel(bool enabled = true) => Render<ApiTokensPanel>(ps => ps
        .Add(p => p.Tokens, _tokens)
        .Add(p => p.Settings, new TradingApiOptions { TokenBurst = 20, TokenRequestsPerSecond = 5, StudentBurst = 30, StudentRequestsPerSecond = 8, MaxTokensPerStudent = 5 })
        .Add(p => p.Enabled, enabled)
        .Add(p => p.BaseUrl, "https://camp.example")
        .Add(p => p.Now, Now)
        .Add(p => p.Create, draft =>
        {
            _created.Add(draft);
            var token = Token(1, draft.Name);
            _tokens = [token];
            return Task.FromResult(new CreatedToken(token, Secret, TokenRefusal.None));
        })
        .Add(p => p.Revoke, token =>
        {
            _revoked.Add(token.Id);
            return Task.FromResult(true);
        }));

    [Fact]
    public async Task Creating_shows_the_secret_once_with_a_copy_button_and_saving_hides_it_for_good()
    {
        RenderWithProviders();
        var cut = RenderPanel();
        Assert.Empty(cut.FindAll("[data-testid=token-secret]"));

        cut.Find("input[data-testid=token-name], [data-testid=token-name] input").Input(new ChangeEventArgs { Value = "my bot" });
        await cut.InvokeAsync(() => cut.Find("[data-testid=create-token]").Click());

        Assert.Equal(new ApiTokenDraft("my bot", ApiScopes.Read, null), Assert.Single(_created));
        cut.WaitForAssertion(() => Assert.Equal(Secret, cut.Find("[data-testid=token-secret]").TextContent));
        Assert.Contains(Secret, cut.Find("[data-testid=token-example]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=copy-token]"));
        Assert.Contains("只顯示這一次", cut.Find("[data-testid=token-secret-box]").TextContent, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.Find("[data-testid=hide-token]").Click());
        Assert.Empty(cut.FindAll("[data-testid=token-secret-box]"));
        Assert.DoesNotContain(Secret[15..], cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_asks_first_backing_out_keeps_the_token_and_confirming_revokes_it()
    {
        _tokens = [Token(4, "scalper"), Token(3, "old", revokedAt: Now.AddDays(-1))];
        var providers = RenderWithProviders();
        var cut = RenderPanel();

        Assert.Equal(["active", "revoked"], cut.FindAll("[data-testid=token-row]").Select(r => r.GetAttribute("data-state")));
        Assert.Single(cut.FindAll("[data-testid=revoke-token]")); // a revoked token has no button
        Assert.Contains("ctk_abcdefghij_…", cut.Find("[data-testid=token-row]").TextContent, StringComparison.Ordinal);

        var click = cut.InvokeAsync(() => cut.Find("[data-testid=revoke-token]").Click());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-dialog]"));
        Assert.Contains("撤銷「scalper」？", providers.Markup, StringComparison.Ordinal);
        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await click;
        Assert.Empty(_revoked);

        click = cut.InvokeAsync(() => cut.Find("[data-testid=revoke-token]").Click());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-ok]"));
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;
        Assert.Equal([4L], _revoked);
    }

    [Fact]
    public void The_limits_are_shown_and_a_switched_off_api_is_said()
    {
        RenderWithProviders();
        var cut = RenderPanel(enabled: false);

        var limits = cut.Find("[data-testid=token-limits]").TextContent;
        Assert.Contains("一次最多 20 個請求，每秒補充 5 個", limits, StringComparison.Ordinal);
        Assert.Contains("一次最多 30 個，每秒補充 8 個", limits, StringComparison.Ordinal);
        Assert.Contains("最多 5 個有效金鑰", limits, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=api-disabled]"));
        Assert.NotNull(cut.Find("[data-testid=no-tokens]"));
    }
}
