using System.Net;
using System.Text.RegularExpressions;
using CampTrading.Tests.Identity;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Infrastructure;

/// <summary>
/// One local-URL rule for every returnUrl, through the real pipeline: hostile values (control characters, backslashes,
/// encodings, other hosts) never answer 5xx, never send the browser off-site, and are never rendered into a link or form field.
/// </summary>
public sealed partial class ReturnUrlTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    /// <summary>Raw query-string values, as an attacker would put them in a link.</summary>
    private static readonly string[] HostileReturnUrls =
    [
        "/%09/evil.example/", "%2F%09%2Fx", "/%0A/evil.example", "/%0D%0ALocation:%20https://evil.example", "//evil.example", "%2F%2Fevil.example",
        "/%5Cevil.example", "%2F%5Cevil.example", "%5C%5Cevil.example", "/\\evil.example", "/x\\y", "/%255C%255Cevil.example",
        "/%252F%252Fevil.example", "%00", "%2F%00", "/a%00b", "%ED%A0%80", "/%ED%A0%80", "%2F%E2%80%AE", "https://evil.example/",
        "https%3A%2F%2Fevil.example", "/%20/evil.example", "%09//evil.example", "/%7F", "/%C2%85evil", "///evil.example",
    ];

    [Fact]
    public async Task The_culture_switch_sends_hostile_return_urls_home()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var client = factory.ClientAs();
        foreach (var raw in HostileReturnUrls)
        {
            using var response = await client.GetAsync(new Uri("/culture/en?returnUrl=" + raw, UriKind.Relative));
            Assert.True(HttpStatusCode.Redirect == response.StatusCode, $"{raw}: {(int)response.StatusCode}");
            AssertOnSite(response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Sign_in_pages_never_render_a_hostile_return_url()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var client = factory.ClientAs();
        foreach (var raw in HostileReturnUrls)
            await AssertPagesAsync(client, raw);
    }

    private static async Task AssertPagesAsync(HttpClient client, string raw)
    {
        foreach (var page in new[] { "/login/ABCD-EFGH", "/login", "/signin", "/staff/signin" })
        {
            using var response = await client.GetAsync(new Uri($"{page}?returnUrl={raw}", UriKind.Relative));
            Assert.True((int)response.StatusCode < 500, $"{page}: {(int)response.StatusCode}");
            foreach (var url in RenderedUrls(await response.Content.ReadAsStringAsync())) AssertOnSite(url);
        }
        using var pin = new HttpRequestMessage(HttpMethod.Get, $"/login/pin?returnUrl={raw}");
        pin.Headers.Add(CampAppFactory.RolesHeader, CampRoles.Student);
        using var pinPage = await client.SendAsync(pin);
        Assert.True((int)pinPage.StatusCode < 500, $"/login/pin: {(int)pinPage.StatusCode}");
        foreach (var url in RenderedUrls(await pinPage.Content.ReadAsStringAsync())) AssertOnSite(url);
    }

    [Fact]
    public async Task Staff_and_development_sign_in_redirect_hostile_return_urls_home()
    {
        await using var factory = new RealAppFactory(await postgres.CreateDatabaseAsync("returnurl"), remoteAddress: RealAppFactory.Loopback);
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync("test", "desk", null, CampRoles.PointManager, "a long staff password")).Succeeded);

        foreach (var raw in HostileReturnUrls)
            await AssertSignInsAsync(factory, Uri.UnescapeDataString(raw));
    }

    private static async Task AssertSignInsAsync(RealAppFactory factory, string returnUrl)
    {
        using var staff = factory.NewClient();
        using var staffSignIn = await RealAppFactory.PostFormAsync(staff, "/staff/signin", "/staff/signin",
            ("userName", "desk"), ("password", "a long staff password"), ("returnUrl", returnUrl));
        await AssertRedirectedOnSiteOrRefusedAsync(staffSignIn, returnUrl);

        using var dev = factory.NewClient();
        using var devSignIn = await RealAppFactory.PostFormAsync(dev, "/signin", "/signin", ("name", "Visitor"), ("returnUrl", returnUrl));
        await AssertRedirectedOnSiteOrRefusedAsync(devSignIn, returnUrl);
    }

    /// <summary>A redirect on this site, or (for U+0000, which ASP.NET's form reader refuses itself) a 400.</summary>
    private static async Task AssertRedirectedOnSiteOrRefusedAsync(HttpResponseMessage response, string returnUrl)
    {
        if (response.StatusCode == HttpStatusCode.BadRequest && returnUrl.Contains('\0', StringComparison.Ordinal)) return;
        Assert.True(HttpStatusCode.Redirect == response.StatusCode,
            $"{Uri.EscapeDataString(returnUrl)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        AssertOnSite(response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_plain_local_path_is_kept()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var client = factory.ClientAs();
        using var response = await client.GetAsync(new Uri("/culture/en?returnUrl=%2Fwallet%3Ftab%3D2", UriKind.Relative));
        Assert.Equal("/wallet?tab=2", response.Headers.Location?.OriginalString);
    }

    /// <summary>On this site as a browser reads it: a path starting with one "/", no "\" (read as "/"), no control character (dropped).</summary>
    private static void AssertOnSite(string? url)
    {
        Assert.NotNull(url);
        Assert.StartsWith("/", url, StringComparison.Ordinal);
        Assert.DoesNotContain('\\', url);
        Assert.DoesNotContain(url, char.IsControl);
        var decoded = Uri.UnescapeDataString(url);
        Assert.False(decoded.Length > 1 && decoded[1] is '/' or '\\', $"protocol-relative: {url}");
        Assert.DoesNotContain('\\', decoded);
        Assert.DoesNotContain(decoded, char.IsControl);
        Assert.Equal("camp.test", new Uri(new Uri("https://camp.test/"), url).Host);
    }

    /// <summary>The returnUrl form fields and the skip link, HTML-decoded.</summary>
    private static IEnumerable<string> RenderedUrls(string html) =>
        ReturnUrlField().Matches(html).Concat(SkipLink().Matches(html)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();

    [GeneratedRegex("<a href=\"([^\"]*)\" data-testid=\"skip-pin\"")]
    private static partial Regex SkipLink();
}
