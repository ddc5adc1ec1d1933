using System.Net;
using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Identity;

/// <summary>The staff sign-in form post over the real pipeline: antiforgery, the lockout message, the per-IP rate limit.</summary>
public sealed partial class StaffSignInEndpointTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Password = "a long staff password";

    [Fact]
    public async Task Wrong_passwords_say_so_then_the_fifth_locks_out_with_the_time()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        await CreateAsync(factory, "desk");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await PostAsync(client, "desk", "wrong password " + attempt);
            Assert.Equal("/staff/signin?error=invalid", wrong.Headers.Location?.OriginalString);
        }
        using var fifth = await PostAsync(client, "desk", "wrong password 5");
        Assert.StartsWith("/staff/signin?error=locked&until=", fifth.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var page = await client.GetStringAsync(fifth.Headers.Location);
        Assert.Contains("Locked out until", page, StringComparison.Ordinal);
        Assert.Contains("帳號已鎖定至", page, StringComparison.Ordinal);

        using var right = await PostAsync(client, "desk", Password);
        Assert.StartsWith("/staff/signin?error=locked", right.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var invalid = await client.GetStringAsync(new Uri("/staff/signin?error=invalid", UriKind.Relative));
        Assert.Contains("Wrong username or password", invalid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_visitor_to_the_console_is_sent_to_the_staff_sign_in_and_back()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres, realCookies: true);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var (asked, expected) in new[]
                 {
                     ("/staff", "/staff/signin?returnUrl=%2Fstaff"),
                     ("/staff/students?page=2", "/staff/signin?returnUrl=%2Fstaff%2Fstudents%3Fpage%3D2"),
                     ("/STAFF/orders", "/staff/signin?returnUrl=%2FSTAFF%2Forders"),
                 })
        {
            using var response = await client.GetAsync(new Uri(asked, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{asked}: {(int)response.StatusCode}");
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
        }

        using var student = await client.GetAsync(new Uri("/trade", UriKind.Relative));
        Assert.EndsWith("/signin?ReturnUrl=%2Ftrade", student.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var lookalike = await client.GetAsync(new Uri("/staffroom", UriKind.Relative)); // not the console: no staff sign-in
        Assert.False(lookalike.Headers.Location?.OriginalString.StartsWith("/staff/signin", StringComparison.Ordinal) ?? false);
    }

    [Fact]
    public async Task A_lockout_caused_from_elsewhere_does_not_keep_staff_out_of_a_browser_they_signed_in_from_before()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        await CreateAsync(factory, "desk4");
        using var own = factory.CreateClient(new() { AllowAutoRedirect = false }); // keeps its cookies, as a browser does
        using (var first = await PostAsync(own, "desk4", Password))
        {
            Assert.Equal("/staff", first.Headers.Location?.OriginalString);
            Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("camp.staffdevice=", StringComparison.Ordinal)
                && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        }

        // A camper who knows the username locks the account with five guesses.
        using var camper = factory.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 1; i <= 5; i++) (await PostAsync(camper, "desk4", "guess " + i)).Dispose();
        using (var locked = await PostAsync(camper, "desk4", Password))
            Assert.StartsWith("/staff/signin?error=locked", locked.Headers.Location?.OriginalString, StringComparison.Ordinal);

        // The staff member's own browser still signs in.
        using (var again = await PostAsync(own, "desk4", Password))
            Assert.Equal("/staff", again.Headers.Location?.OriginalString);

        // That browser has five wrong passwords of its own; after them it is like any other, and the lockout applies.
        for (var i = 1; i <= 5; i++)
        {
            using var wrong = await PostAsync(own, "desk4", "typo " + i);
            Assert.Equal("/staff/signin?error=invalid", wrong.Headers.Location?.OriginalString);
        }
        using (var after = await PostAsync(own, "desk4", Password))
            Assert.StartsWith("/staff/signin?error=locked", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_right_password_signs_in_with_the_app_cookie_and_a_form_without_antiforgery_is_refused()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        await CreateAsync(factory, "desk2");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var ok = await PostAsync(client, "desk2", Password);
        Assert.Equal("/staff", ok.Headers.Location?.OriginalString);
        Assert.Contains(ok.Headers.GetValues("Set-Cookie"), c => c.StartsWith("camp.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        using var forged = await client.PostAsync(new Uri("/staff/signin", UriKind.Relative),
            new FormUrlEncodedContent([new("userName", "desk2"), new("password", Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_endpoint_is_rate_limited_per_address()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres, staffSignInPermitsPerMinute: 3);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await PostAsync(client, "nobody", "whatever password");
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }
        using var refused = await PostAsync(client, "nobody", "whatever password");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private static async Task CreateAsync(CampAppFactory factory, string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync("test", userName, null, CampRoles.PointManager, Password)).Succeeded);
    }

    /// <summary>Posts the sign-in form the way a browser does: the antiforgery token from the page, its cookie kept by the client.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync(new Uri("/staff/signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync(new Uri("/staff/signin", UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("userName", userName), new("password", password)]));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
