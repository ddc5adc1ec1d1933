using System.Globalization;
using System.Net;
using CampTrading.Tests.Support;

namespace CampTrading.Tests.TradingApi;

/// <summary>Token buckets per token and per student, and the per-address allowance of bad tokens, with small settings.</summary>
public sealed class TradingApiRateLimitTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_token_over_its_bucket_gets_429_with_retry_after_its_students_other_tokens_share_a_bucket_and_others_are_unaffected()
    {
        await using var host = await TradingApiHost.StartAsync(postgres,
            ("TradingApi:TokenBurst", "3"), ("TradingApi:TokenRequestsPerSecond", "1"),
            ("TradingApi:StudentBurst", "5"), ("TradingApi:StudentRequestsPerSecond", "1"));
        var alice = await host.AddStudentAsync("R1", "Rate", 100);
        var bob = await host.AddStudentAsync("R2", "Quiet", 100);
        var first = await host.TokenAsync(alice, name: "first");
        var second = await host.TokenAsync(alice, name: "second");
        var bobs = await host.TokenAsync(bob);

        // Three at once, then refused (a permit comes back each second, so a slow machine may see one or two more).
        var (ok, refused) = await UntilRefusedAsync(host, first);
        Assert.InRange(ok, 3, 6);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.True(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds >= 1);
        Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("3", refused.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.True(int.Parse(refused.Headers.GetValues("X-RateLimit-Reset").Single(), CultureInfo.InvariantCulture) >= 1);

        // The student's bucket (5) is shared by their tokens: the second token soon runs into it too.
        var (secondOk, secondRefused) = await UntilRefusedAsync(host, second);
        Assert.InRange(secondOk, 1, 5);
        Assert.Equal("5", secondRefused.Headers.GetValues("X-RateLimit-Limit").Single());

        // Another student's token is untouched.
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/v1/me/portfolio", bobs)).StatusCode);
    }

    [Fact]
    public async Task Bad_tokens_from_one_address_are_refused_429_after_the_allowance_and_a_good_token_still_works()
    {
        await using var host = await TradingApiHost.StartAsync(postgres, ("TradingApi:BadTokensPerMinute", "4"));
        var alice = await host.AddStudentAsync("G1", "Guess", 100);
        var token = await host.TokenAsync(alice);
        for (var i = 0; i < 4; i++)
            await TradingApiHost.ProblemAsync(await host.GetAsync("/api/v1/me/portfolio", "ctk_aaaaaaaaaa_" + new string('x', 43)), 401, "token_invalid");
        var refused = await host.GetAsync("/api/v1/me/portfolio", "ctk_bbbbbbbbbb_" + new string('y', 43));
        await TradingApiHost.ProblemAsync(refused, 429, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task Many_concurrent_good_requests_from_one_address_never_spend_the_bad_token_allowance()
    {
        await using var host = await TradingApiHost.StartAsync(postgres, ("TradingApi:BadTokensPerMinute", "2"),
            ("TradingApi:TokenBurst", "100"), ("TradingApi:StudentBurst", "100"));
        var token = await host.TokenAsync(await host.AddStudentAsync("G2", "Busy bot", 100));

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => host.GetAsync("/api/v1/me/portfolio", token)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    [Fact]
    public async Task Public_market_data_is_limited_per_address_with_a_429_problem()
    {
        await using var host = await TradingApiHost.StartAsync(postgres, ("TradingApi:PublicRequestsPerMinute", "3"));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/v1/instruments")).StatusCode);
        var refused = await host.GetAsync("/api/v1/instruments/CAMP/ticker");
        await TradingApiHost.ProblemAsync(refused, 429, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private static async Task<(int Ok, HttpResponseMessage Refused)> UntilRefusedAsync(TradingApiHost host, string token)
    {
        for (var ok = 0; ok < 20; ok++)
        {
            var response = await host.GetAsync("/api/v1/me/portfolio", token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await TradingApiHost.ProblemAsync(response, 429, "rate_limited");
                return (ok, response);
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        throw new Xunit.Sdk.XunitException("never refused");
    }
}
