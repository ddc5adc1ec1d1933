using MudBlazor;

namespace CampTrading.Web.Components.Theme;

/// <summary>
/// The camp's one palette, dark and light. Taiwan's convention: red is up (and the buy side), green is down (and the sell
/// side); errors stay red and confirmations green whatever the market colours say. Custom trading components read the same
/// colours as CSS variables (up is the palette's Error red, down its Success green) (<c>--camp-up</c>, <c>--camp-down</c>, …) written by <see cref="CssVariables"/>.
/// </summary>
public static class CampTheme
{
    private const string UpOnLight = "#d01f2c";
    private const string DownOnLight = "#0a8f5c";

    /// <summary>Text links: lighter than the primary blue on the dark background, darker on the light one (both ≥ 7:1 on the page).</summary>
    public const string LinkOnDark = "#9ec1ff";
    public const string LinkOnLight = "#1e40af";

    public static MudTheme Theme { get; } = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#4f8cff",
            Secondary = "#93a4c3",
            Background = "#0b1220",
            BackgroundGray = "#0e1628",
            Surface = "#111a2e",
            AppbarBackground = "#111a2e",
            AppbarText = "#e6edf7",
            DrawerBackground = "#0e1628",
            DrawerText = "#e6edf7",
            DrawerIcon = "#93a4c3",
            TextPrimary = "#e6edf7",
            TextSecondary = "#93a4c3",
            LinesDefault = "#22304d",
            LinesInputs = "#34476e",
            TableLines = "#22304d",
            Divider = "#22304d",
            ActionDefault = "#93a4c3",
            Error = "#ea3943",
            Success = "#16c784",
            Warning = "#f59e0b",
            Info = "#4f8cff",
        },
        PaletteLight = new PaletteLight
        {
            Primary = "#2563eb",
            Secondary = "#475569",
            Background = "#f6f8fb",
            BackgroundGray = "#eef2f7",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#0f172a",
            DrawerBackground = "#ffffff",
            DrawerText = "#0f172a",
            TextPrimary = "#0f172a",
            TextSecondary = "#475569",
            LinesDefault = "#d7dee9",
            LinesInputs = "#b8c3d4",
            TableLines = "#e2e8f0",
            Divider = "#e2e8f0",
            Error = UpOnLight,
            Success = DownOnLight,
            Warning = "#b45309",
            Info = "#2563eb",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans TC", "Noto Sans CJK TC", "system-ui", "-apple-system", "Segoe UI", "sans-serif"],
            },
            Button = new ButtonTypography { TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };

    /// <summary>
    /// The variables the custom components (order book, tape, chart, panels) use, for one mode. They follow the MudTheme's
    /// palette so a custom panel and a MudPaper side by side are the same colour.
    /// </summary>
    public static string CssVariables(bool dark)
    {
        var p = dark ? (Palette)Theme.PaletteDark : Theme.PaletteLight;
        return $$"""
            :root {
              --camp-bg: {{p.Background}};
              --camp-surface: {{p.Surface}};
              --camp-border: {{p.LinesDefault}};
              --camp-text: {{p.TextPrimary}};
              --camp-muted: {{p.TextSecondary}};
              --camp-up: {{p.Error}};
              --camp-down: {{p.Success}};
              --camp-error: {{p.Error}};
              --camp-ok: {{p.Success}};
              --camp-accent: {{p.Primary}};
              --camp-link: {{(dark ? LinkOnDark : LinkOnLight)}};
              color-scheme: {{(dark ? "dark" : "light")}};
            }
            :where(a:not(.mud-button-root):not(.mud-nav-link)) { color: var(--camp-link); }
            """;
    }
}
