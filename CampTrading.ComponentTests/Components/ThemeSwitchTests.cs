using CampTrading.ComponentTests.Support;
using CampTrading.Web.Components.Theme;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.Components;

public sealed class ThemeSwitchTests : CampComponentTest
{
    [Theory]
    [InlineData(true, "/theme/light")]
    [InlineData(false, "/theme/dark")]
    public void Links_to_the_other_theme_and_back_to_this_page(bool dark, string target)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/trade?symbol=CAMP");
        var cut = Render<CascadingValue<bool>>(ps => ps
            .Add(c => c.Name, "DarkMode")
            .Add(c => c.Value, dark)
            .AddChildContent<ThemeSwitch>());

        var href = cut.Find("[data-testid=theme-switch]").GetAttribute("href");
        Assert.Equal($"{target}?returnUrl={Uri.EscapeDataString("/trade?symbol=CAMP")}", href);
    }

    [Fact]
    public void The_palette_keeps_red_up_and_green_down_in_both_modes()
    {
        Assert.Contains("--camp-up: rgba(234,57,67,1)", CampTheme.CssVariables(dark: true), StringComparison.Ordinal);
        Assert.Contains("--camp-down: rgba(22,199,132,1)", CampTheme.CssVariables(dark: true), StringComparison.Ordinal);
        Assert.Contains("color-scheme: light", CampTheme.CssVariables(dark: false), StringComparison.Ordinal);
        Assert.Equal(CampTheme.Theme.PaletteLight.Error.ToString(), ExtractVariable(CampTheme.CssVariables(dark: false), "--camp-up"));
    }

    private static string ExtractVariable(string css, string name)
    {
        var start = css.IndexOf(name + ": ", StringComparison.Ordinal) + name.Length + 2;
        return css[start..css.IndexOf(';', start)];
    }
}
