using System.Security.Claims;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Roster;

/// <summary>
/// Test hook for the browser tests, Development only and only with <c>Exchange:DevSignIn</c> on: signs in a
/// staff role without a password (POST /dev/signin-role, form fields name and role). The real staff sign-in is
/// /staff/signin; this exists so roster and badge pages can be tested before and independently of it.
/// </summary>
public static class DevStaffSignIn
{
    public static IEndpointRouteBuilder MapDevStaffSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/signin-role", async (HttpContext http, IWebHostEnvironment env, IOptions<ExchangeOptions> options,
            [FromForm] string? name, [FromForm] string? role) =>
        {
            if (!env.IsDevelopment() || !options.Value.DevSignIn) return Results.NotFound();
            if (string.IsNullOrWhiteSpace(name) || name.Length > 40 || role is null || !CampRoles.Permissions.ContainsKey(role)) return Results.BadRequest();
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name.Trim()), new Claim(ClaimTypes.Role, role)],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Ok();
        }).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
