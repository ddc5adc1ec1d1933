using System.Globalization;
using CampTrading.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CampTrading.Web.Identity.Staff;

/// <summary>Form posts of the staff sign-in page and the first-run page. Both are rate limited per IP address.</summary>
public static class StaffEndpoints
{
    public const string SignInRateLimit = "staff-signin";

    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/staff/signin", SignInAsync).WithName("StaffSignIn").AllowAnonymous().WithFormBodyLimit().RequireRateLimiting(SignInRateLimit).ExcludeFromDescription();
        app.MapPost("/setup", SetupAsync).WithName("FirstRunSetup").AllowAnonymous().WithFormBodyLimit().RequireRateLimiting(SignInRateLimit).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, StaffSignIn staffSignIn, StaffDevices devices,
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var result = await staffSignIn.CheckAsync(userName, password, devices.RememberedUser(http));
        switch (result)
        {
            case StaffSignInResult.Success success:
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, success.Principal);
                if (Guid.TryParse(success.Principal.FindFirst(StaffClaims.UserId)?.Value, out var staffId)) devices.Remember(http, staffId);
                return Results.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/staff"));
            case StaffSignInResult.LockedOut locked:
                var until = locked.Until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return Results.LocalRedirect($"/staff/signin?error=locked&until={until}");
            default:
                return Results.LocalRedirect("/staff/signin?error=invalid");
        }
    }

    private static async Task<IResult> SetupAsync(HttpContext http, FirstRunSetup setup, StaffAccounts accounts, NpgsqlDataSource dataSource,
        [FromForm] string? token, [FromForm] string? userName, [FromForm] string? displayName, [FromForm] string? password, [FromForm] string? confirm)
    {
        if (!setup.MayUse(http, token)) return Results.NotFound();
        await using var firstRun = await FirstRunLock.AcquireAsync(dataSource, http.RequestAborted); // one first admin, however many posts race
        if (await accounts.AdminExistsAsync(http.RequestAborted) || !setup.MayUse(http, token)) return Results.NotFound();
        var back = "/setup?" + (setup.TokenMatches(token) ? $"token={Uri.EscapeDataString(token!)}&" : "");
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return Results.LocalRedirect(back + "error=missing");
        if (!PlainText.IsPlain(userName, 64) || !PlainText.IsPlain(displayName, 100) || password.Length > 256) return Results.LocalRedirect(back + "error=rejected");
        if (!string.Equals(password, confirm, StringComparison.Ordinal)) return Results.LocalRedirect(back + "error=mismatch");
        var created = await accounts.CreateAsync("setup", userName, displayName, CampRoles.Admin, password);
        if (!created.Succeeded) return Results.LocalRedirect(back + "error=rejected");
        setup.Spend();
        return Results.LocalRedirect("/staff/signin?created=1");
    }
}
