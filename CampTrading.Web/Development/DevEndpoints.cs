using System.Globalization;
using System.Security.Claims;
using CampTrading.Web.Identity;
using CampTrading.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace CampTrading.Web.Development;

/// <summary>
/// Every development-only endpoint, behind the one guard: a request for which <see cref="DevConveniences"/> are off gets
/// 404 from the group's endpoint filter, before any handler runs (authorization, where an endpoint asks for it, and form
/// binding still come first, as they did when each handler checked for itself).
/// </summary>
public static class DevEndpoints
{
    public static IEndpointRouteBuilder MapDevelopmentEndpoints(this IEndpointRouteBuilder app)
    {
        var dev = app.MapGroup("").AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<DevConveniences>().IsOnFor(context.HttpContext)
                ? await next(context)
                : Results.NotFound());
        dev.MapPost("/signin", SignInAsync).WithName("DevSignIn").AllowAnonymous().WithFormBodyLimit().ExcludeFromDescription();
        dev.MapDevStaffSignIn();
        dev.MapDevQrCodes();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, DevSignInService devSignIn, [FromForm] string? name, [FromForm] string? returnUrl)
    {
        var account = await devSignIn.SignInAsync(http, name, http.RequestAborted);
        if (account is null) return Results.LocalRedirect("/signin?error=invalid_name");

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, account.Value.Name),
            new Claim(CampClaims.AccountId, account.Value.AccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Role, CampRoles.Student),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/trade"));
    }
}
