namespace CampTrading.Web.Components.Theme;

/// <summary>
/// Dark or light, chosen per browser with a cookie (dark unless the visitor picked light). Read on the server's first
/// render so the page never flashes the other theme; <see cref="MapThemeEndpoint"/> sets it and reloads the page.
/// </summary>
public static class ThemeMode
{
    public const string CookieName = "camp-theme";
    public const string Light = "light";
    public const string Dark = "dark";

    public static bool IsDark(HttpContext? http) =>
        http?.Request.Cookies[CookieName] is not { } value || !string.Equals(value, Light, StringComparison.Ordinal);

    public static IEndpointRouteBuilder MapThemeEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/theme/{mode}", (string mode, string? returnUrl, HttpContext http) =>
        {
            var chosen = string.Equals(mode, Light, StringComparison.OrdinalIgnoreCase) ? Light : Dark;
            http.Response.Cookies.Append(CookieName, chosen,
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(Infrastructure.LocalUrl.OrDefault(returnUrl));
        }).WithName("SetTheme").AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
