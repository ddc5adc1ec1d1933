using System.Globalization;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Roster;

namespace CampTrading.Web.Staff.Records;

/// <summary>CSV exports of the audit log and of the settlement results (admins only), streamed as they are read.</summary>
public static class RecordsEndpoints
{
    public const string AuditExportPath = "/staff/audit/export.csv";
    public const string ResultsExportPath = "/staff/settlement/results.csv";
    public const string TeamsExportPath = "/staff/settlement/teams.csv";

    public static IEndpointRouteBuilder MapRecordsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(AuditExportPath, ExportAuditAsync).RequireAuthorization(nameof(Permission.SystemAdmin)).ExcludeFromDescription();
        app.MapGet(ResultsExportPath, ExportResultsAsync).RequireAuthorization(nameof(Permission.SystemAdmin)).ExcludeFromDescription();
        app.MapGet(TeamsExportPath, ExportTeamsAsync).RequireAuthorization(nameof(Permission.SystemAdmin)).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAuditAsync(HttpContext http, AuditFeed feed, ExchangeService exchange, StudentStore students, AuditLog audit)
    {
        var filter = AuditFilter.FromQuery(http.Request.Query);
        var (query, error) = await filter.ResolveAsync(exchange.Market, students, http.RequestAborted);
        if (query is null) return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "invalid_filter");
        await audit.WriteAsync(Actor(http), "audit.export", null, new { filter = filter.ToQueryString() }, http.RequestAborted);

        var market = exchange.Market;
        return Results.Stream(async body =>
        {
            await using var csv = await Csv.OpenAsync(body, http.RequestAborted);
            await csv.WriteAsync(Csv.Row("time", "source", "kind", "staff", "account", "name", "target", "asset", "amount", "balance_after", "details"));
            var written = 0;
            await foreach (var row in feed.AllAsync(query, http.RequestAborted))
            {
                await csv.WriteAsync(Csv.Row(
                    Csv.Text(LocalTime(row.At, market.TimeZone)), row.IsStaffAction ? "staff" : "ledger", Csv.Text(row.Kind), Csv.Text(row.Actor),
                    Csv.Number(row.AccountId), Csv.Text(row.AccountId is { } id ? market.Account(id)?.Name : null), Csv.Text(row.Target),
                    Csv.Text(AssetName(market, row.Asset)), Csv.Number(row.Amount), Csv.Number(row.BalanceAfter), Csv.Text(row.Details)));
                if (++written % 1_000 == 0) await csv.FlushAsync(http.RequestAborted);
            }
        }, Csv.ContentType, $"camptrading-audit-{FileStamp(market)}.csv");
    }

    private static async Task<IResult> ExportResultsAsync(HttpContext http, SettlementService settlement, Leaderboard leaderboard,
        ExchangeService exchange, StudentStore students, AuditLog audit)
    {
        if (!await settlement.IsSettledAsync(http.RequestAborted)) return NotSettled();
        await audit.WriteAsync(Actor(http), "settlement.export", null, new { part = "individuals" }, http.RequestAborted);
        var rankings = leaderboard.Current();
        var externalIds = (await students.ListAsync(cancellationToken: http.RequestAborted)).ToDictionary(s => s.AccountId, s => s.ExternalId);
        return Results.Stream(async body =>
        {
            await using var csv = await Csv.OpenAsync(body, http.RequestAborted);
            await csv.WriteAsync(Csv.Row("rank", "account", "student_id", "name", "team", "points", "debt", "net_worth"));
            foreach (var e in rankings.Individuals)
            {
                await csv.WriteAsync(Csv.Row(Csv.Number(e.Rank), Csv.Number(e.AccountId), Csv.Text(externalIds.GetValueOrDefault(e.AccountId)),
                    Csv.Text(e.Name), Csv.Text(e.Team), Csv.Number(e.Points), Csv.Number(e.Debt), Csv.Number(e.NetWorth)));
            }
        }, Csv.ContentType, $"camptrading-final-rankings-{FileStamp(exchange.Market)}.csv");
    }

    private static async Task<IResult> ExportTeamsAsync(HttpContext http, SettlementService settlement, Leaderboard leaderboard, ExchangeService exchange, AuditLog audit)
    {
        if (!await settlement.IsSettledAsync(http.RequestAborted)) return NotSettled();
        await audit.WriteAsync(Actor(http), "settlement.export", null, new { part = "teams" }, http.RequestAborted);
        var rankings = leaderboard.Current();
        return Results.Stream(async body =>
        {
            await using var csv = await Csv.OpenAsync(body, http.RequestAborted);
            await csv.WriteAsync(Csv.Row("rank", "team", "members", "net_worth", "multiplier_percent", "score"));
            foreach (var t in rankings.Teams)
            {
                await csv.WriteAsync(Csv.Row(Csv.Number(t.Rank), Csv.Text(t.Team), Csv.Number(t.Members), Csv.Number(t.NetWorth),
                    Csv.Number(t.MultiplierPercent), Csv.Number(t.Score)));
            }
        }, Csv.ContentType, $"camptrading-final-teams-{FileStamp(exchange.Market)}.csv");
    }

    private static IResult NotSettled() => Results.Problem("尚未結算：結算後才有最終結果。Not settled yet: final results exist after settlement.",
        statusCode: StatusCodes.Status409Conflict, title: "not_settled");

    private static string Actor(HttpContext http) => http.User.Identity?.Name ?? "unknown";

    public static string LocalTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string? AssetName(MarketReadModel market, int? asset) => asset switch
    {
        null => null,
        0 => "points",
        { } id => market.Instrument(id)?.Symbol ?? id.ToString(CultureInfo.InvariantCulture),
    };

    private static string FileStamp(MarketReadModel market) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, market.TimeZone).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
}
