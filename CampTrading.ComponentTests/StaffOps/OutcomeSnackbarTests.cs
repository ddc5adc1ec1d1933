using CampTrading.ComponentTests.Support;
using CampTrading.Web.Staff.Console;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class OutcomeSnackbarTests : CampComponentTest
{
    [Fact]
    public async Task An_outcome_shows_as_a_snackbar_and_the_next_one_of_the_panel_replaces_it()
    {
        var providers = RenderWithProviders();

        await providers.InvokeAsync(() => Snackbar.Show(new ConsoleOutcome(true, "已設定 Done."), "override-outcome"));
        providers.WaitForAssertion(() => Assert.Equal("已設定 Done.", providers.Find("[data-testid=override-outcome]").TextContent));
        Assert.NotEmpty(providers.FindAll(".mud-snackbar.mud-alert-filled-success"));

        await providers.InvokeAsync(() => Snackbar.Show(ConsoleOutcome.Refused("需要權限 ManageMarket is required."), "override-outcome"));
        providers.WaitForAssertion(() =>
        {
            var shown = providers.FindAll("[data-testid=override-outcome]");
            Assert.Single(shown);
            Assert.Contains("ManageMarket is required", shown[0].TextContent);
            Assert.NotEmpty(providers.FindAll(".mud-snackbar.mud-alert-filled-error"));
        });
    }
}
