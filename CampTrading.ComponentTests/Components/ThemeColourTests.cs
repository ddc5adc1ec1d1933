using CampTrading.ComponentTests.Support;
using CampTrading.ComponentTests.Trading;
using CampTrading.Core.Trading;
using CampTrading.Web.Components.Theme;
using CampTrading.Web.Trading;
using MudBlazor.Utilities;

namespace CampTrading.ComponentTests.Components;

/// <summary>Colours that must read on both themes, and the one up/down convention everywhere prices move.</summary>
public sealed class ThemeColourTests : CampComponentTest
{
    private static double Luminance(MudColor c)
    {
        static double Channel(byte v)
        {
            var s = v / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
    }

    private static double Contrast(MudColor a, MudColor b)
    {
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Links_read_on_the_page_and_on_panels_in_both_themes(bool dark)
    {
        var palette = dark ? (MudBlazor.Palette)CampTheme.Theme.PaletteDark : CampTheme.Theme.PaletteLight;
        var link = new MudColor(dark ? CampTheme.LinkOnDark : CampTheme.LinkOnLight);
        var css = CampTheme.CssVariables(dark);

        Assert.Contains($"--camp-link: {(dark ? CampTheme.LinkOnDark : CampTheme.LinkOnLight)};", css, StringComparison.Ordinal);
        Assert.Contains("color: var(--camp-link)", css, StringComparison.Ordinal); // plain links no longer fall back to the browser's blue
        Assert.True(Contrast(link, palette.Background) >= 7, $"link on background: {Contrast(link, palette.Background):0.0}");
        Assert.True(Contrast(link, palette.Surface) >= 7, $"link on panels: {Contrast(link, palette.Surface):0.0}");
    }

    [Fact]
    public void The_header_and_the_tape_colour_a_rise_and_a_buyer_red_and_a_fall_and_a_seller_green_alike()
    {
        // A price above the reference in the header, and a buyer-initiated trade on the tape: both "up" (--camp-up, red).
        // (The stream's frames carry these classes: LiveMarket/InstrumentFrameTests.)
        Assert.Equal("up", CampFormat.TrendClass(+1));
        Assert.Equal("down", CampFormat.TrendClass(-1));
        Assert.Equal(CampFormat.SideClass(Side.Buy), CampFormat.TrendClass(+1));
        Assert.Equal(CampFormat.SideClass(Side.Sell), CampFormat.TrendClass(-1));
        // And those classes are the theme's red and green in both modes.
        Assert.Contains($"--camp-up: {CampTheme.Theme.PaletteDark.Error}", CampTheme.CssVariables(dark: true), StringComparison.Ordinal);
        Assert.Contains($"--camp-down: {CampTheme.Theme.PaletteLight.Success}", CampTheme.CssVariables(dark: false), StringComparison.Ordinal);
    }
}
