using CampTrading.ComponentTests.Support;
using CampTrading.Web.Components.Dialogs;

namespace CampTrading.ComponentTests.Components;

public sealed class ConfirmDialogTests : CampComponentTest
{
    [Fact]
    public async Task Confirming_answers_true_and_closes_the_dialog()
    {
        var providers = RenderWithProviders();
        Task<bool> answer = null!;
        await providers.InvokeAsync(() => { answer = Dialogs.ConfirmAsync("凍結 Freeze", "Freeze 王小明?", "凍結 Freeze", dangerous: true); });

        providers.WaitForAssertion(() => Assert.Contains("Freeze 王小明?", providers.Find("[data-testid=confirm-dialog]").TextContent));
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());

        Assert.True(await answer);
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]")));
    }

    [Fact]
    public async Task Cancelling_answers_false()
    {
        var providers = RenderWithProviders();
        Task<bool> answer = null!;
        await providers.InvokeAsync(() => { answer = Dialogs.ConfirmAsync("刪除 Delete", "Delete the booth?"); });

        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-cancel]"));
        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());

        Assert.False(await answer);
    }
}
