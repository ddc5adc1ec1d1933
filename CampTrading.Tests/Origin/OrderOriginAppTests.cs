using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Tests.Support;
using CampTrading.Tests.TradingApi;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using CampTrading.Web.Trading;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CampTrading.Tests.Origin;

/// <summary>
/// Order origins through the whole app on a real database: an order from the API is marked <c>api</c> and one from the
/// trade page's ticket <c>web</c> in the engine's views and the <c>orders</c> query table; the API trader is a bot on the
/// leaderboard; <c>/metrics</c> counts API requests and rate-limit refusals per token public id (never the secret).
/// </summary>
public sealed class OrderOriginAppTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task An_api_order_is_marked_api_and_a_web_order_web_in_the_views_and_the_query_table_and_the_api_trader_is_a_bot()
    {
        await using var host = await TradingApiHost.StartAsync(postgres);
        var alice = await host.AddStudentAsync("O1", "Ada Bot", 1_000);
        var bob = await host.AddStudentAsync("O2", "Ben Hand", 1_000);
        var token = await host.TokenAsync(alice);

        var api = await TradingApiHost.JsonAsync(await host.OrderAsync(token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 3, price = 19 }));
        var apiOrder = api.GetProperty("orderId").GetInt64();
        // What the trade page sends: the ticket's command, through the same exchange service.
        var ticket = new OrderTicketModel { Quantity = 2 };
        ticket.SetPrice(18);
        var web = await host.Exchange.SubmitTrackedAsync(ticket.ToCommand(bob.AccountId, 1));
        Assert.True(web.Result.IsOk, web.Result.Code.ToString());

        Assert.True(await host.Services.GetRequiredService<QueryTablePersister>().WaitForAsync(web.Seq, TimeSpan.FromSeconds(10)));
        await using (var db = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "select id, origin from orders where id = any($1) order by id"))
        {
            db.Parameters.AddWithValue(new[] { apiOrder, web.Result.Id });
            await using var reader = await db.ExecuteReaderAsync();
            var rows = new Dictionary<long, string?>();
            while (await reader.ReadAsync()) rows[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            Assert.Equal("api", rows[apiOrder]);
            Assert.Equal("web", rows[web.Result.Id]);
        }

        var market = host.Exchange.Market;
        await TradingApiHost.WaitForAsync(() => market.OpenOrders(bob.AccountId).Count == 1);
        Assert.Equal(OrderOrigin.Api, Assert.Single(market.OpenOrders(alice.AccountId)).Origin);
        Assert.Equal(OrderOrigin.Web, Assert.Single(market.OpenOrders(bob.AccountId)).Origin);

        var board = host.Services.GetRequiredService<Leaderboard>().Current();
        Assert.True(board.Of(alice.AccountId)!.IsBot);
        Assert.False(board.Of(bob.AccountId)!.IsBot);
        Assert.Equal([alice.AccountId], board.IndividualsOf(TraderFilter.Bots).Select(e => e.AccountId));
        Assert.Contains(board.IndividualsOf(TraderFilter.People), e => e.AccountId == bob.AccountId);
        Assert.DoesNotContain(board.IndividualsOf(TraderFilter.People), e => e.AccountId == alice.AccountId);
        await host.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Metrics_count_api_requests_by_token_public_id_and_result_and_rate_limit_refusals_by_token()
    {
        await using var host = await TradingApiHost.StartAsync(postgres, ("TradingApi:TokenBurst", "2"), ("TradingApi:TokenRequestsPerSecond", "1"));
        var carol = await host.AddStudentAsync("M1", "Carol", 100);
        var created = await host.Tokens.CreateAsync(carol.AccountId, "metered", CampTrading.Web.TradingApi.ApiScopes.Read, null);
        Assert.True(created.Ok);
        var publicId = created.Token!.PublicId;

        Assert.True((await host.GetAsync("/api/v1/me/portfolio", created.Secret)).IsSuccessStatusCode);
        await TradingApiHost.ProblemAsync(await host.OrderAsync(created.Secret, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 1, price = 19 }), 403, "scope_missing");
        var refused = 0;
        for (var i = 0; i < 20 && refused == 0; i++)
            if ((int)(await host.GetAsync("/api/v1/me/portfolio", created.Secret)).StatusCode == 429) refused++;
        Assert.Equal(1, refused);
        await host.GetAsync("/api/v1/me/portfolio", "ctk_notatoken_secret"); // a made-up token makes no series of its own

        var text = "";
        for (var i = 0; i < 100; i++) // OnCompleted runs after the answer: the counts land a moment later
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
            request.Headers.Add(CampAppFactory.RolesHeader, CampRoles.Admin);
            using var response = await host.Http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode);
            text = await response.Content.ReadAsStringAsync();
            // Each request's count lands after its own answer, so under load an earlier one may land after a later one.
            if (SeriesLines(text, "camp_api_requests_total", ("token", publicId), ("result", "unauthorized")).Count == 1
                && SeriesLines(text, "camp_api_rate_limited_total", ("token", publicId)).Count == 1
                && SeriesLines(text, "camp_api_requests_total", ("token", "none"), ("result", "unauthorized")).Count == 1) break;
            await Task.Delay(50);
        }

        Assert.InRange(Series(text, "camp_api_requests_total", ("token", publicId), ("result", "ok")), 1, 20);
        Assert.Equal(1, Series(text, "camp_api_requests_total", ("token", publicId), ("result", "unauthorized")));
        Assert.Equal(1, Series(text, "camp_api_requests_total", ("token", publicId), ("result", "rate_limited")));
        Assert.Equal(1, Series(text, "camp_api_rate_limited_total", ("token", publicId)));
        Assert.InRange(Series(text, "camp_api_requests_total", ("token", "none"), ("result", "unauthorized")), 1, 10);
        Assert.DoesNotContain(created.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("notatoken", text, StringComparison.Ordinal);
    }

    /// <summary>The value of the one series of <paramref name="name"/> with these labels (in whatever order the exporter writes them).</summary>
    private static long Series(string text, string name, params (string Key, string Value)[] labels)
    {
        var lines = SeriesLines(text, name, labels);
        Assert.True(lines.Count == 1, $"{name} {string.Join(',', labels)}: {lines.Count} series in\n{text}");
        var value = lines[0][(lines[0].LastIndexOf('}') + 1)..].Trim().Split(' ')[0]; // "} value [timestamp]"
        return long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> SeriesLines(string text, string name, params (string Key, string Value)[] labels) =>
        text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal)
            && labels.All(label => l.Contains($"{label.Key}=\"{label.Value}\"", StringComparison.Ordinal))).ToList();
}
