using System.Text.RegularExpressions;
using CampTrading.Tests.Identity;

namespace CampTrading.Tests.Infrastructure;

/// <summary>Security headers on pages and endpoints: a CSP fit for Blazor Server, no framing, nosniff, referrer policy, HSTS on HTTPS only.</summary>
public sealed partial class SecurityHeadersTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Pages_carry_a_nonce_based_csp_and_the_other_headers_and_inline_scripts_carry_the_nonce()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var client = factory.ClientAs();
        foreach (var path in new[] { "/signin", "/login/ABCD-EFGH", "/board", "/culture/en", "/staff/signin" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'", csp);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            var scriptSrc = csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal));
            Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Contains(Assert.Single(response.Headers.GetValues("Referrer-Policy")), ReferrerPolicies);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");

            if (path == "/signin")
            {
                var nonce = Nonce().Match(csp).Groups[1].Value;
                var html = await response.Content.ReadAsStringAsync();
                var inline = InlineScript().Matches(html);
                Assert.NotEmpty(inline);
                Assert.All(inline, script => Assert.Contains($"nonce=\"{nonce}\"", script.Value, StringComparison.Ordinal));
            }
        }
        using var login = await client.GetAsync(new Uri("/login/ABCD-EFGH", UriKind.Relative));
        Assert.Equal("no-referrer", Assert.Single(login.Headers.GetValues("Referrer-Policy"))); // the path carries a secret
    }

    [Fact]
    public async Task Hsts_is_sent_on_https_requests()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://camp.example/") });
        using var response = await client.GetAsync(new Uri("/signin", UriKind.Relative));
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    private static readonly string[] ReferrerPolicies = ["no-referrer", "strict-origin-when-cross-origin"];

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    /// <summary>Script elements without a src (inline code or an import map).</summary>
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
