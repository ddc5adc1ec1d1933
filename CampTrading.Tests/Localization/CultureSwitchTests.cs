using System.Net;
using CampTrading.Tests.Identity;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Localization;

/// <summary>zh-TW for everyone by default (whatever the phone asks for); the switch sets a cookie and returns to the page.</summary>
public sealed class CultureSwitchTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Pages_are_zh_TW_by_default_and_English_after_the_switch()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var client = factory.ClientAs();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        using (var page = await client.SendAsync(request))
            Assert.Contains("<html lang=\"zh-Hant-TW\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var switched = await client.GetAsync(new Uri("/culture/en?returnUrl=%2Flogin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/login", switched.Headers.Location?.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));

        using var english = new HttpRequestMessage(HttpMethod.Get, "/login");
        english.Headers.Add("Cookie", cookie.Split(';')[0]);
        using (var page = await client.SendAsync(english))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/culture/zh-TW?returnUrl=%2Flogin\"", html, StringComparison.Ordinal); // the switch now offers the way back
        }
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task The_switch_never_redirects_off_site(string returnUrl)
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var client = factory.ClientAs();
        using var switched = await client.GetAsync(new Uri("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        Assert.Equal("/", switched.Headers.Location?.OriginalString);
    }
}
