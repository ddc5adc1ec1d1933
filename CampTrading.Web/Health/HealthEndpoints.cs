using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// /healthz: 200 "ok" while this instance leads and its journal is writable; 503 with "starting", "standby" or
    /// "unhealthy" otherwise. Anonymous callers get the status alone; staff and loopback callers also the reason and
    /// the engine's figures.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (HttpContext http, ExchangeService exchange, QueryTablePersister persister, TimeProvider time, IOptions<ExchangeOptions> options) =>
        {
            var (status, reason) = Assess(exchange, time.GetUtcNow(), options.Value.JournalUnhealthyAfter);
            var code = status == "ok" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            if (!MaySeeDetails(http)) return Results.Json(new { status }, statusCode: code);
            var body = new
            {
                status,
                reason,
                role = exchange.Role.ToString().ToLowerInvariant(),
                engine = exchange.Health,
                recovery = exchange.Recovery,
                queryTables = new { watermark = persister.Watermark, backlog = persister.Backlog },
            };
            return Results.Json(body, statusCode: code);
        }).WithName("Health").WithTags("Health").AllowAnonymous();
        return app;
    }

    internal static (string Status, string? Reason) Assess(ExchangeService exchange, DateTimeOffset now, TimeSpan journalUnhealthyAfter)
    {
        switch (exchange.Role)
        {
            case ExchangeRole.Starting: return ("starting", null);
            case ExchangeRole.Standby: return ("standby", exchange.RoleReason);
            case ExchangeRole.Fenced or ExchangeRole.Failed: return ("unhealthy", exchange.RoleReason);
        }
        var health = exchange.Health;
        if (health?.Fatal is { } fatal) return ("unhealthy", fatal);
        if (health?.JournalUnwritableSince is { } since && now - since > journalUnhealthyAfter)
            return ("unhealthy", $"the journal has not been writable since {since:O}: {health.LastError}");
        return ("ok", null);
    }

    private static bool MaySeeDetails(HttpContext http) =>
        CampRoles.Allows(http.User, Permission.StaffConsole)
        || Infrastructure.LoopbackRequest.IsLoopback(http);
}
