using System.Net;
using CampTrading.Core.Journal;
using CampTrading.Web.Identity;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace CampTrading.Web.Infrastructure.Metrics;

/// <summary>
/// /metrics in Prometheus' text format through OpenTelemetry (decision 0018): the engine's and the app's own instruments,
/// ASP.NET Core's (requests, Kestrel, rate limiting, Blazor circuits), the runtime's and Npgsql's.
/// </summary>
public static class MetricsServiceCollectionExtensions
{
    private static readonly string[] Meters =
    [
        EngineMetrics.MeterName, CampGauges.MeterName, TradingApi.Stream.StreamMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle", "Microsoft.AspNetCore.Components.Server.Circuits",
        "System.Runtime", "System.Net.Http", "Npgsql",
    ];

    public static WebApplicationBuilder AddCampMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection("Metrics"))
            .Validate(o => o.Networks() is not null).ValidateOnStart();
        builder.Services.AddSingleton<CampGauges>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        return builder;
    }

    /// <summary>/metrics for staff, this machine and the configured networks; everyone else gets a 403 problem document.</summary>
    public static WebApplication MapCampMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<CampGauges>(); // the gauges exist from the first scrape on
        var networks = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Networks();
        // Open to the pipeline (a scraper has no cookie); the gate below decides, as /healthz does for its details.
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        metrics.Add(endpoint =>
        {
            var scrape = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = http => MayRead(http, networks) ? scrape(http) : RefuseAsync(http);
        });
        return app;
    }

    private static bool MayRead(HttpContext http, IReadOnlyList<IPNetwork> networks) =>
        CampRoles.Allows(http.User, Permission.StaffConsole)
        || LoopbackRequest.IsLoopback(http)
        || (http.Connection.RemoteIpAddress is { } ip && networks.Any(n => n.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)));

    private static Task RefuseAsync(HttpContext http) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Metrics are for staff and the configured monitoring networks.",
            extensions: new Dictionary<string, object?> { ["code"] = "metrics_forbidden" }).ExecuteAsync(http);
}
