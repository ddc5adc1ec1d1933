using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using CampTrading.Web.TradingApi;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.LoadDriver;

/// <summary>
/// Order placement round-trip through the trading API: the whole app (Kestrel on a loopback port, the real pipeline with
/// bearer tokens, problem details and rate limiting, the engine over PostgreSQL) started in this process on a fresh
/// database; N clients, each a student with its own token, POST /api/v1/orders one after another and time each answer.
/// Half the orders are resting limit buys at 19, half IOC limit sells at 19 that trade with them. The per-token and
/// per-student limits (TradingApi:*Burst / *RequestsPerSecond, StudentLimits:Orders, the daily order rule) are raised
/// for the run, and so is TradingApi:BadTokensPerMinute (it also caps requests in flight per client address): at their camp
/// defaults a client would measure the rate limiter, not the path.
/// </summary>
internal static class ApiLatency
{
    private const string Symbol = "CAMP";
    private const int WarmUpOrders = 200;

    public static async Task<int> RunAsync(Arguments args)
    {
        var levels = args.Text("clients", "1,8,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var orders = args.Int("orders", 2_000);
        await using var app = new DriverApp(args.Connection, RaisedLimits);
        var baseAddress = app.StartOnFreePort();
        var tokens = await SetUpAsync(app.Services, levels.Max());

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
        };
        await RunLevelAsync(http, tokens, 1, WarmUpOrders); // JIT, connection pools, query plans
        Console.WriteLine($"order placement round-trip through POST /api/v1/orders, {orders:N0} orders per level (ms)");
        Console.WriteLine("clients   orders/s      p50      p99      max   refused (by code)");
        foreach (var clients in levels)
        {
            var result = await RunLevelAsync(http, tokens, clients, orders);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clients,7} {result.PerSecond,10:F0} {result.P50,8:F2} {result.P99,8:F2} {result.Max,8:F2}   {(result.Refused.Length == 0 ? "0" : result.Refused)}"));
        }
        return 0;
    }

    /// <summary>
    /// The per-token and per-student limits, raised. Every client comes from 127.0.0.1: the bad-token guard's allowance per
    /// address is raised too, or at 64 concurrent clients it would refuse good tokens.
    /// </summary>
    private static readonly Dictionary<string, string> RaisedLimits = new()
    {
        ["TradingApi:TokenBurst"] = "100000",
        ["TradingApi:TokenRequestsPerSecond"] = "100000",
        ["TradingApi:StudentBurst"] = "100000",
        ["TradingApi:StudentRequestsPerSecond"] = "100000",
        ["TradingApi:BadTokensPerMinute"] = "100000",
        ["StudentLimits:Orders:PerAccount"] = "1000000",
        ["StudentLimits:Orders:PerSource"] = "1000000",
    };

    private sealed record LevelResult(double PerSecond, double P50, double P99, double Max, string Refused);

    private static async Task<LevelResult> RunLevelAsync(HttpClient http, string[] tokens, int clients, int orders)
    {
        var samples = new double[orders];
        var next = -1;
        var refused = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < orders; i = Interlocked.Increment(ref next))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
                {
                    Content = new StringContent(i % 2 == 0
                        ? """{"symbol":"CAMP","side":"buy","type":"limit","quantity":1,"price":19}"""
                        : """{"symbol":"CAMP","side":"sell","type":"limit","quantity":1,"price":19,"timeInForce":"ioc"}""", Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[client]);
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK) refused.AddOrUpdate(RefusalCode(response.StatusCode, body), 1, (_, n) => n + 1);
            }
        })));
        var elapsed = clock.Elapsed;
        Array.Sort(samples);
        return new LevelResult(orders / elapsed.TotalSeconds, samples[samples.Length / 2], samples[(int)Math.Min(samples.Length - 1, samples.Length * 0.99)],
            samples[^1], string.Join(", ", refused.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}")));
    }

    /// <summary>The problem code of a refusal (e.g. "429 rate_limited").</summary>
    private static string RefusalCode(HttpStatusCode status, string body)
    {
        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(body);
            return $"{(int)status} {(problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : "?")}";
        }
        catch (System.Text.Json.JsonException)
        {
            return $"{(int)status}";
        }
    }

    /// <summary>The market open with room for the run, and one funded roster student with a trade token per client.</summary>
    private static async Task<string[]> SetUpAsync(IServiceProvider services, int students)
    {
        var exchange = services.GetRequiredService<ExchangeService>();
        await exchange.SubmitOkAsync(new SetMarketOverride(MarketOverride.ForceOpen, "api-latency"));
        await exchange.SubmitOkAsync(new SetTradingRules(exchange.Market.Status.Rules with { DailyOrderLimit = 100_000_000 }, "api-latency"));
        var csv = new StringBuilder("id,name,team\n");
        for (var i = 0; i < students; i++) csv.Append(CultureInfo.InvariantCulture, $"LAT{i:D4},Latency {i},Load\n");
        var applied = await services.GetRequiredService<RosterImporter>().ApplyAsync(Encoding.UTF8.GetBytes(csv.ToString()), "api-latency");
        if (applied.Failed.Count > 0) throw new InvalidOperationException("roster import failed: " + string.Join("; ", applied.Failed));
        var store = services.GetRequiredService<StudentStore>();
        var tokenService = services.GetRequiredService<ApiTokenService>();
        var tokens = new string[students];
        for (var i = 0; i < students; i++)
        {
            var student = await store.FindByExternalIdAsync($"LAT{i:D4}") ?? throw new InvalidOperationException($"student LAT{i:D4} is missing");
            await exchange.SubmitOkAsync(new Grant(student.AccountId, Assets.Points, 1_000_000_000, "api-latency", "api-latency"));
            await exchange.SubmitOkAsync(new Grant(student.AccountId, 1, 1_000_000, "api-latency", "api-latency"));
            var created = await tokenService.CreateAsync(student.AccountId, "api-latency", ApiScopes.Read | ApiScopes.Trade, null);
            tokens[i] = created.Ok ? created.Secret : throw new InvalidOperationException($"token refused: {created.Refusal}");
        }
        // The read model the API checks against trails the engine a little.
        for (var i = 0; i < 400 && exchange.Market.Status.Session != SessionState.Open; i++) await Task.Delay(25);
        return tokens;
    }
}
