using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using CampTrading.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CampTrading.Web.Identity;

public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signin", SignInAsync).WithName("DevSignIn").AllowAnonymous().WithFormBodyLimit().ExcludeFromDescription();
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin");
        }).WithName("SignOut").AllowAnonymous().WithFormBodyLimit().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, DevSignInService devSignIn, [FromForm] string? name, [FromForm] string? returnUrl)
    {
        if (!devSignIn.IsOnFor(http)) return Results.NotFound();
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
