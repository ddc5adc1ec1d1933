using System.Threading.RateLimiting;
using CampTrading.Web.Abuse;
using CampTrading.Web.Arcade;
using CampTrading.Web.TradingApi.Stream;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace CampTrading.Web.TradingApi;

public static class TradingApiServiceCollectionExtensions
{
    public const string GroupPrefix = "/api/v1";
    public const string PublicPolicy = "trading-api-public";

    /// <summary>Tokens, the switch, limits and the OpenAPI document <c>/openapi/trading.json</c>. Call after AddArcadeServices.</summary>
    public static WebApplicationBuilder AddTradingApiServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TradingApiOptions>()
            .Bind(builder.Configuration.GetSection(TradingApiOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid, "TradingApi: TokenCacheFor must lie in [0, 30 s] and UsageFlushEvery in (0, 5 min].")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiTokenStore>();
        builder.Services.AddSingleton<ApiTokenDirectory>();
        builder.Services.AddSingleton<ApiTokenService>();
        builder.Services.AddSingleton<ApiSwitch>();
        builder.Services.AddSingleton<ApiRateLimiter>();
        builder.Services.AddSingleton<ApiMetrics>();
        builder.Services.AddSingleton<ApiAccess>();
        builder.Services.AddSingleton<ApiHistory>();
        builder.Services.AddHostedService<ApiUsageFlusher>();
        builder.AddTradingStreamServices();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy(PublicPolicy, http =>
        {
            var perMinute = http.RequestServices.GetRequiredService<IOptions<TradingApiOptions>>().Value.PublicRequestsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter("public:" + (ActionSource.FromAddress(http.Connection.RemoteIpAddress) ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));
        builder.Services.Configure<RateLimiterOptions>(limiter =>
        {
            var previous = limiter.OnRejected;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (!context.HttpContext.Request.Path.StartsWithSegments(GroupPrefix))
                {
                    if (previous is not null) await previous(context, cancellationToken);
                    return;
                }
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
                await ApiProblems.RateLimited(seconds, "Too many market-data requests from this address; wait for Retry-After seconds.").ExecuteAsync(context.HttpContext);
            };
        });
        builder.Services.AddOpenApi(TradingApiOpenApi.DocumentName, TradingApiOpenApi.Configure);
        // The arcade document takes every /api/ path; the trading API has its own document.
        builder.Services.Configure<OpenApiOptions>(ArcadeOpenApi.DocumentName, options =>
        {
            var include = options.ShouldInclude;
            options.ShouldInclude = d => include(d) && d.RelativePath?.StartsWith(GroupPrefix.TrimStart('/') + "/", StringComparison.Ordinal) != true;
        });
        builder.Services.Configure<SwaggerUIOptions>(ui =>
        {
            ui.SwaggerEndpoint($"/openapi/{TradingApiOpenApi.DocumentName}.json", "CampTrading trading API v1");
            // MapArcade adds the arcade document after this one; it stays the one /api/docs opens with (pick the other above).
            ui.ConfigObject.AdditionalItems["urls.primaryName"] = "CampTrading API v1";
        });
        return builder;
    }

    /// <summary>The trading API under <c>/api/v1</c>: public market data and the private operations behind a bearer token.</summary>
    public static WebApplication MapTradingApi(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<ApiAccess>();
        var api = app.MapGroup(GroupPrefix)
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter(access.SwitchAsync);
        api.MapGroup("").RequireRateLimiting(PublicPolicy).WithTags("Market data").MapPublicMarket();
        api.MapGroup("").AddEndpointFilter(access.PrivateAsync).WithTags("Account and orders").MapPrivate();
        app.MapTradingStream();
        return app;
    }
}
