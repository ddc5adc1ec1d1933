using System.Globalization;
using CampTrading.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace CampTrading.Web.Components.Localization;

/// <summary>
/// zh-TW is the camp's language and the default for everyone; English is one tap away (a cookie, so the choice survives
/// sign-in and reaches the Blazor circuit, whose culture comes from the request that opened it).
/// Text lives in resource files next to each feature: <c>Feature/FeatureText.resx</c> (zh-TW, the neutral resources) and
/// <c>Feature/FeatureText.en.resx</c>, read through <c>IStringLocalizer&lt;FeatureText&gt;</c>.
/// </summary>
public static class CampCultures
{
    public const string Default = "zh-TW";
    public const string English = "en";
    public static readonly string[] Supported = [Default, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static WebApplicationBuilder AddCampLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        builder.Services.AddSingleton<IStringLocalizerFactory, CachedStringLocalizerFactory>(); // the last registered is the one used
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Default).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
            // The cookie (and ?culture= for links) decide; the phone's Accept-Language does not: the camp runs in zh-TW.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    /// <summary><c>GET /culture/{culture}?returnUrl=/wallet</c>: remember the language for a year and go back.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? Default;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(LocalUrl.OrDefault(returnUrl));
        }).WithName("SetCulture").AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
