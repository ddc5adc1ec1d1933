using System.Diagnostics;
using System.Globalization;
using System.Text;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Ledger;
using CampTrading.Core.Market;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using CampTrading.Web.TradingApi;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CampTrading.Tests.Samples;

/// <summary>
/// The two sample bots of <c>samples/</c>, run as real child processes against the whole app listening on a loopback port
/// (Kestrel) with PostgreSQL: the Python market maker quotes both sides, the C# imbalance taker buys from it when its bid
/// outweighs its ask. Each uses the REST API for orders and the WebSocket stream for the book, its fills and balance.
/// </summary>
public sealed class SampleBotsTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan BotRunTime = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task The_python_market_maker_and_the_csharp_taker_trade_with_each_other_and_both_stop_cleanly()
    {
        await RequirePythonWebsocketsAsync();
        var takerBinary = TakerBinary();

        await using var market = await MarketAsync();
        var seconds = BotRunTime.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        using var python = market.StartPython("--seconds", seconds, "--max-orders", "40");
        using var csharp = market.StartCSharp(takerBinary, "--seconds", seconds, "--cooldown", "0.5");
        var (exchange, maker, taker) = (market.Exchange, market.Maker, market.Taker);

        var exits = await Task.WhenAll(python.WaitAsync(BotRunTime * 3), csharp.WaitAsync(BotRunTime * 3));
        foreach (var bot in new[] { python, csharp }) output.WriteLine($"--- {bot.Name} ---{Environment.NewLine}{bot.Output}");
        Assert.True(exits[0] == 0, $"the Python bot exited with {exits[0]?.ToString(CultureInfo.InvariantCulture) ?? "nothing (killed)"}:\n{python.Output}");
        Assert.True(exits[1] == 0, $"the C# bot exited with {exits[1]?.ToString(CultureInfo.InvariantCulture) ?? "nothing (killed)"}:\n{csharp.Output}");

        var trades = exchange.Market.RecentTrades(1, 100);
        Assert.Contains(trades, t => (t.BuyerId, t.SellerId) == (taker.AccountId, maker.AccountId) || (t.BuyerId, t.SellerId) == (maker.AccountId, taker.AccountId));
        int[] bots = [maker.AccountId, taker.AccountId];
        Assert.All(trades, t => Assert.True(bots.Contains(t.BuyerId) && bots.Contains(t.SellerId), $"trade {t.Id} is not between the bots"));
        Assert.Contains("fill: sold", python.Output, StringComparison.Ordinal);
        Assert.Contains("fill: bought", csharp.Output, StringComparison.Ordinal);
        // The maker cancelled its quotes on the way out; the taker never leaves an order in the book.
        await WaitForAsync(() => exchange.Market.OpenOrders(maker.AccountId).Count == 0 && exchange.Market.OpenOrders(taker.AccountId).Count == 0);
        Assert.Empty(await exchange.ReadEngineAsync(InvariantChecker.Check));
    }

    [Fact]
    public async Task Ctrl_C_stops_both_bots_with_exit_code_0_and_the_maker_cancels_its_quotes()
    {
        await RequirePythonWebsocketsAsync();
        await using var market = await MarketAsync();
        using var python = market.StartPython("--seconds", "300");
        using var csharp = market.StartCSharp(TakerBinary(), "--seconds", "300");
        var exchange = market.Exchange;
        // Running: the maker quotes and the taker has bought from it at least once.
        await WaitForAsync(() => exchange.Market.OpenOrders(market.Maker.AccountId).Count > 0
            && exchange.Market.RecentTrades(1).Any(t => t.BuyerId == market.Taker.AccountId), TimeSpan.FromSeconds(30));

        await python.InterruptAsync();
        await csharp.InterruptAsync();
        var exits = await Task.WhenAll(python.WaitAsync(TimeSpan.FromSeconds(20)), csharp.WaitAsync(TimeSpan.FromSeconds(20)));
        foreach (var bot in new[] { python, csharp }) output.WriteLine($"--- {bot.Name} ---{Environment.NewLine}{bot.Output}");
        Assert.True(exits[0] == 0, $"the Python bot exited with {exits[0]?.ToString(CultureInfo.InvariantCulture) ?? "nothing (killed)"} after Ctrl+C:\n{python.Output}");
        Assert.True(exits[1] == 0, $"the C# bot exited with {exits[1]?.ToString(CultureInfo.InvariantCulture) ?? "nothing (killed)"} after Ctrl+C:\n{csharp.Output}");
        Assert.Contains("stopped after", python.Output, StringComparison.Ordinal);
        await WaitForAsync(() => exchange.Market.OpenOrders(market.Maker.AccountId).Count == 0);
        Assert.Equal(0, exchange.Market.Account(market.Maker.AccountId)!.ReservedPoints);
        Assert.Empty(await exchange.ReadEngineAsync(InvariantChecker.Check));
    }

    private static string TakerBinary()
    {
        // The sample is not in the solution, so a solution build makes it in its default configuration (Debug) whatever
        // the tests' own: take the freshest build of it.
        var bin = Path.Combine(RepoPaths.Root, "samples", "csharp-bot", "bin");
        var binary = Directory.Exists(bin)
            ? Directory.GetFiles(bin, "CampTrading.SampleBot", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        Assert.True(binary is not null, $"No build of the sample bot under {bin}: CampTrading.Tests builds samples/csharp-bot (a project reference); build the tests first.");
        return binary;
    }

    /// <summary>
    /// The app on a loopback port with the market open and no IPO ask (only the bots in the book), and two students with
    /// trade tokens. The maker holds few shares, so its ask is smaller than its bid: the book leans to the buy side and
    /// the taker buys from it.
    /// </summary>
    private async Task<BotMarket> MarketAsync()
    {
        var port = PostgresFixture.GetFreeTcpPort();
        var app = new CampAppFactory(await postgres.CreateDatabaseAsync("bots"));
        try
        {
            app.UseKestrel(port);
            app.StartServer();
            var exchange = app.Services.GetRequiredService<ExchangeService>();
            Assert.True((await exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"))).IsOk);
            Assert.True((await exchange.SubmitAsync(new WithdrawIpo(1))).IsOk);
            await WaitForAsync(() => exchange.Market.Status.Session == SessionState.Open);
            var maker = await AddStudentAsync(app.Services, "PY1", "Python maker", points: 2_000, shares: 2);
            var taker = await AddStudentAsync(app.Services, "CS1", "CSharp taker", points: 2_000, shares: 10);
            return new BotMarket(app, exchange, $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", maker, await TokenAsync(app.Services, maker),
                taker, await TokenAsync(app.Services, taker));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private sealed record BotMarket(CampAppFactory App, ExchangeService Exchange, string Url, Student Maker, string MakerToken, Student Taker, string TakerToken)
        : IAsyncDisposable
    {
        public BotProcess StartPython(params string[] options) =>
            BotProcess.Start("python-bot", Python, Path.Combine(RepoPaths.Root, "samples", "python-bot"),
                ["bot.py", "--url", Url, "--token", MakerToken, "--symbol", "CAMP", .. options],
                new Dictionary<string, string> { ["PYTHONUNBUFFERED"] = "1", ["PYTHONDONTWRITEBYTECODE"] = "1" });

        public BotProcess StartCSharp(string binary, params string[] options) =>
            BotProcess.Start("csharp-bot", binary, Path.Combine(RepoPaths.Root, "samples", "csharp-bot"),
                ["--url", Url, "--token", TakerToken, "--symbol", "CAMP", .. options]);

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>The Python bot needs the websockets package; without it this test fails and says how to install it.</summary>
    private static async Task RequirePythonWebsocketsAsync()
    {
        const string Install = "apt-get install python3-websockets";
        Assert.True(File.Exists(Python), $"{Python} is missing: the Python sample bot needs it ({Install} installs both).");
        using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import websockets"]) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        Assert.True(check.ExitCode == 0, $"The Python sample bot needs the websockets package: {Install} (or .ci/prerequisites.sh as root). {error}");
    }

    private static async Task<Student> AddStudentAsync(IServiceProvider services, string id, string name, long points, long shares)
    {
        var applied = await services.GetRequiredService<RosterImporter>().ApplyAsync(Encoding.UTF8.GetBytes($"id,name,team\n{id},{name},Blue\n"), "test-admin");
        Assert.Empty(applied.Failed);
        var student = (await services.GetRequiredService<StudentStore>().FindByExternalIdAsync(id))!;
        var exchange = services.GetRequiredService<ExchangeService>();
        Assert.True((await exchange.SubmitAsync(new Grant(student.AccountId, Assets.Points, points, "bot start", "test"))).IsOk);
        Assert.True((await exchange.SubmitAsync(new Grant(student.AccountId, 1, shares, "bot start", "test"))).IsOk);
        await WaitForAsync(() => exchange.Market.Account(student.AccountId) is { } a && a.Points == points && a.SharesOf(1) == shares);
        return student;
    }

    private static async Task<string> TokenAsync(IServiceProvider services, Student student)
    {
        var created = await services.GetRequiredService<ApiTokenService>().CreateAsync(student.AccountId, "sample bot", ApiScopes.Read | ApiScopes.Trade, null);
        Assert.True(created.Ok, created.Refusal.ToString());
        return created.Secret;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(5))) await Task.Delay(25);
        Assert.True(condition());
    }
}
