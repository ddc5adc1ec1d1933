using System.Net;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.EndToEnd;

/// <summary>The student sign-in endpoints answer 429 once one client IP has used up its window (own app: it spends the budget).</summary>
[Trait("Category", "EndToEnd")]
public sealed class SignInRateLimitTests(CampAppFixture app) : IClassFixture<CampAppFixture>
{
    [Fact]
    public async Task Student_sign_in_is_rate_limited_per_ip()
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 125; i++)
        {
            using var form = new FormUrlEncodedContent([new("code", "ZZZZZZZZ")]);
            using var response = await http.PostAsync(new Uri("/login", UriKind.Relative), form);
            statuses.Add(response.StatusCode);
        }
        Assert.True(statuses[^1] != HttpStatusCode.InternalServerError, string.Join(",", statuses.GroupBy(s => s).Select(g => $"{g.Key}x{g.Count()}")) + app.Output(30));
        // The default budget is 120 per minute; without an antiforgery token the allowed ones are refused with 400.
        Assert.DoesNotContain(HttpStatusCode.OK, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.TooManyRequests), 5, 5);
        using var telegram = await http.GetAsync(new Uri("/login/telegram?id=1&auth_date=1&hash=00", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, telegram.StatusCode);
    }
}
