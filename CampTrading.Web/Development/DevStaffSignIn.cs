using System.Security.Claims;
using CampTrading.Web.Identity;
using CampTrading.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace CampTrading.Web.Development;

/// <summary>
/// Test hook for the browser tests, only while <see cref="DevConveniences"/> are on: signs in a
/// staff role without a password (POST /dev/signin-role, form fields name and role). The real staff sign-in is
/// /staff/signin; this exists so roster and badge pages can be tested before and independently of it.
/// </summary>
public static class DevStaffSignIn
{
    public static IEndpointRouteBuilder MapDevStaffSignIn(this IEndpointRouteBuilder dev)
    {
        dev.MapPost("/dev/signin-role", async (HttpContext http, [FromForm] string? name, [FromForm] string? role) =>
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 40 || role is null || !CampRoles.Permissions.ContainsKey(role)) return Results.BadRequest();
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name.Trim()), new Claim(ClaimTypes.Role, role)],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Ok();
        }).DisableAntiforgery().AllowAnonymous().WithFormBodyLimit().ExcludeFromDescription();
        return dev;
    }
}
