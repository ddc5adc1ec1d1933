using System.Net;
using System.Text;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Tests.Identity;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Staff.Records;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Records;

/// <summary>
/// The settlement flow over the real app (dry run, refused confirmation, settle, refused second settle, all audited) and the CSV
/// exports over HTTP: admins only, UTF-8 with BOM, the audit export following the page's filter.
/// </summary>
public sealed class SettlementAndExportTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private CampAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await CampAppFactory.StartAsync(postgres);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_previews_is_refused_without_the_word_settles_once_and_exports_the_results()
    {
        var exchange = _app.Services.GetRequiredService<ExchangeService>();
        var settlement = _app.Services.GetRequiredService<SettlementService>();
        var audit = _app.Services.GetRequiredService<AuditLog>();
        var camp = exchange.Market.Instrument("CAMP")!.Id;
        var alice = await OkAsync(exchange, new OpenAccount("Alice 林", AccountKind.Student, "紅隊 Red"));
        var bob = await OkAsync(exchange, new OpenAccount("Bob, \"the\" trader", AccountKind.Student, "藍隊 Blue"));
        await OkAsync(exchange, new Grant(alice, Assets.Points, 1_000, "start", "staff-zoe"));
        await OkAsync(exchange, new Grant(bob, Assets.Points, 200, "start", "staff-zoe"));
        await OkAsync(exchange, new Grant(bob, camp, 60, "prize shares", "staff-zoe"));
        await UntilAsync(() => exchange.Market.Account(bob)?.Holdings.Any(h => h.Shares == 60) == true);

        using var admin = _app.ClientAs(CampRoles.Admin);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.GetAsync(new Uri(RecordsEndpoints.ResultsExportPath, UriKind.Relative))).StatusCode);

        var (preview, refused) = await settlement.PreviewAsync(SettlementPriceMode.LastPrice, null);
        Assert.Equal(RejectCode.None, refused);
        Assert.Equal(200 + 60 * 20, preview!.Rankings.Of(bob)!.NetWorth);
        Assert.Equal(1, preview.Rankings.Of(bob)!.Rank);
        Assert.Equal(20, preview.Prices[camp]);
        Assert.Equal(RejectCode.InvalidPrice, (await settlement.PreviewAsync(SettlementPriceMode.Fixed, new Dictionary<int, long>())).Refused);
        var (fixedPreview, _) = await settlement.PreviewAsync(SettlementPriceMode.Fixed, new Dictionary<int, long> { [camp] = 5 });
        Assert.Equal(200 + 60 * 5, fixedPreview!.Rankings.Of(bob)!.NetWorth);
        Assert.Equal(1, fixedPreview.Rankings.Of(alice)!.Rank);

        var mismatch = await settlement.SettleAsync("staff-zoe", preview, "settle");
        Assert.False(mismatch.Settled);
        Assert.Equal(SettlementService.ConfirmationMismatch, mismatch.Code);
        Assert.False(await settlement.IsSettledAsync());
        Assert.Equal(60, exchange.Market.Account(bob)!.Holdings.Single(h => h.InstrumentId == camp).Shares);

        var done = await settlement.SettleAsync("staff-zoe", preview, " 結算 ");
        Assert.True(done.Settled, done.Message);
        Assert.Equal(60 * 20, done.Paid);
        Assert.True(await settlement.IsSettledAsync());
        await UntilAsync(() => exchange.Market.Account(bob)!.Points == 200 + 60 * 20);

        var again = await settlement.SettleAsync("staff-zoe", preview, "SETTLE");
        Assert.False(again.Settled);
        Assert.Equal("market_settled", again.Code);
        Assert.Equal(RejectCode.MarketSettled, (await settlement.PreviewAsync(SettlementPriceMode.LastPrice, null)).Refused);
        Assert.Equal(200 + 60 * 20, exchange.Market.Account(bob)!.Points);

        var runs = (await audit.LatestAsync(20)).Where(e => e.Action == "settlement.run").ToList();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal("staff-zoe", r.Actor));
        Assert.Contains("\"result\": \"market_settled\"", runs[0].Details, StringComparison.Ordinal);
        Assert.Contains("\"result\": \"ok\"", runs[1].Details, StringComparison.Ordinal);
        Assert.Contains("\"result\": \"confirmation_mismatch\"", runs[2].Details, StringComparison.Ordinal);

        // Results: UTF-8 with BOM, escaped, ranked as the dry run said.
        var results = await CsvAsync(admin, RecordsEndpoints.ResultsExportPath);
        var lines = results.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,account,student_id,name,team,points,debt,net_worth", lines[0]);
        Assert.StartsWith($"1,{bob},,\"Bob, \"\"the\"\" trader\",藍隊 Blue,1400,0,1400", lines[1], StringComparison.Ordinal);
        Assert.Contains($"2,{alice},,Alice 林,紅隊 Red,1000,0,1000", results, StringComparison.Ordinal);
        var teams = await CsvAsync(admin, RecordsEndpoints.TeamsExportPath);
        Assert.Contains("1,藍隊 Blue,1,1400,100,1400", teams, StringComparison.Ordinal);

        // The query tables follow the engine asynchronously: wait for the settlement's ledger entries.
        var feed = _app.Services.GetRequiredService<AuditFeed>();
        for (var i = 0; i < 100 && (await feed.PageAsync(new AuditQuery(AuditSource.Ledger, "settlement", bob))).Rows.Count < 2; i++) await Task.Delay(50);

        // The audit export: the staff member's actions and the ledger entries of their commands, in the page's filter.
        var zoe = await CsvAsync(admin, RecordsEndpoints.AuditExportPath + "?staff=staff-zoe");
        var zoeRows = zoe.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(3, zoeRows.Count(l => l.Contains(",staff,settlement.run,staff-zoe,", StringComparison.Ordinal)));
        Assert.Contains(zoeRows, l => l.Contains($",ledger,grant,staff-zoe,{bob},\"Bob, \"\"the\"\" trader\",,CAMP,60,60,", StringComparison.Ordinal));
        Assert.All(zoeRows, l => Assert.Contains(",staff-zoe,", l, StringComparison.Ordinal));
        var bobsLedger = await CsvAsync(admin, $"{RecordsEndpoints.AuditExportPath}?source=ledger&person={bob}&kind=settlement");
        Assert.Equal(2, bobsLedger.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1); // shares out, points in
        var bad = await admin.GetAsync(new Uri(RecordsEndpoints.AuditExportPath + "?source=nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(new Uri(RecordsEndpoints.AuditExportPath + "?person=nobody", UriKind.Relative))).StatusCode);
        Assert.Contains((await audit.LatestAsync(5)).Select(e => e.Action), a => a == "audit.export");

        // The pages render for an admin (prerendered: their first load runs on the server).
        foreach (var page in new[] { "/staff/audit", "/staff/settlement", "/staff/backup" })
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri(page, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_at_last_prices_goes_stale_when_a_trade_moves_a_price()
    {
        var exchange = _app.Services.GetRequiredService<ExchangeService>();
        var settlement = _app.Services.GetRequiredService<SettlementService>();
        var camp = exchange.Market.Instrument("CAMP")!.Id;
        var buyer = await OkAsync(exchange, new OpenAccount("buyer"));
        var seller = await OkAsync(exchange, new OpenAccount("seller"));
        await OkAsync(exchange, new Grant(buyer, Assets.Points, 1_000, "start", "staff"));
        await OkAsync(exchange, new Grant(seller, camp, 10, "start", "staff"));
        await OkAsync(exchange, new SetMarketOverride(MarketOverride.ForceOpen, "staff"));
        var (preview, _) = await settlement.PreviewAsync(SettlementPriceMode.LastPrice, null);
        Assert.Equal(20, preview!.Prices[camp]);

        await OkAsync(exchange, new PlaceOrder(seller, camp, Side.Sell, OrderType.Limit, 1, 19)); // below the IPO ask
        await OkAsync(exchange, new PlaceOrder(buyer, camp, Side.Buy, OrderType.Limit, 1, 19));
        var stale = await settlement.SettleAsync("staff", preview, "SETTLE");
        Assert.Equal(SettlementService.PreviewStale, stale.Code);
        Assert.False(await settlement.IsSettledAsync());

        var (fresh, _) = await settlement.PreviewAsync(SettlementPriceMode.LastPrice, null);
        Assert.Equal(19, fresh!.Prices[camp]);
        Assert.True((await settlement.SettleAsync("staff", fresh, "SETTLE")).Settled);
    }

    [Fact]
    public async Task The_csv_exports_are_for_admins_only()
    {
        foreach (var path in new[] { RecordsEndpoints.AuditExportPath, RecordsEndpoints.ResultsExportPath, RecordsEndpoints.TeamsExportPath })
        {
            using var anonymous = _app.ClientAs();
            var challenged = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal("challenge", challenged.Headers.GetValues(CampAppFactory.DeniedHeader).Single());
            foreach (var role in CampRoles.All.Where(r => r != CampRoles.Admin))
            {
                using var client = _app.ClientAs(role);
                var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }
        using var admin = _app.ClientAs(CampRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri(RecordsEndpoints.AuditExportPath, UriKind.Relative))).StatusCode);
    }

    private static async Task<string> CsvAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    private static async Task<int> OkAsync(ExchangeService exchange, Command command)
    {
        var result = await exchange.SubmitAsync(command);
        Assert.True(result.IsOk, $"{command}: {result.Code}");
        return (int)result.Id;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
