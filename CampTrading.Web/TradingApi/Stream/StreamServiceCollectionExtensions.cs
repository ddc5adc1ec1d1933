using CampTrading.Core.Journal;
using Microsoft.AspNetCore.OpenApi;

namespace CampTrading.Web.TradingApi.Stream;

public static class StreamServiceCollectionExtensions
{
    /// <summary>The feed (an engine observer), the hub, its settings and metrics, and the stream's section in the OpenAPI description.</summary>
    public static WebApplicationBuilder AddTradingStreamServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StreamOptions>()
            .Bind(builder.Configuration.GetSection(StreamOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid, "TradingApi:Stream: CloseGrace must lie in (0, 1 min], RecheckEvery in (0, 10 s], SseKeepAlive in (0, 5 min].")
            .ValidateOnStart();
        builder.Services.AddSingleton<StreamFeed>();
        builder.Services.AddSingleton<IEngineObserver>(services => services.GetRequiredService<StreamFeed>());
        builder.Services.AddSingleton<StreamMetrics>();
        builder.Services.AddSingleton<StreamHub>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StreamHub>());
        builder.Services.Configure<OpenApiOptions>(TradingApiOpenApi.DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            if (document.Info is { } info) info.Description += "\n\n" + StreamDocs.Description;
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary><c>/api/v1/stream</c> (WebSocket, with the WebSocket middleware on this endpoint only) and <c>/api/v1/stream/sse</c>.</summary>
    public static WebApplication MapTradingStream(this WebApplication app)
    {
        app.Services.GetRequiredService<StreamMetrics>(); // the instruments exist from the first scrape on
        var webSocket = ((IEndpointRouteBuilder)app).CreateApplicationBuilder();
        webSocket.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        webSocket.Run(StreamEndpoints.WebSocketAsync);
        var stream = app.MapGroup(TradingApiServiceCollectionExtensions.GroupPrefix + "/stream").AllowAnonymous().ExcludeFromDescription();
        stream.MapGet("", webSocket.Build());
        stream.MapGet("/sse", StreamEndpoints.SseAsync);
        return app;
    }
}

/// <summary>The stream as told in the trading API's OpenAPI description (the stream is not an OpenAPI operation).</summary>
public static class StreamDocs
{
    public const string Description =
        "## Live stream\n"
        + "WebSocket `GET /api/v1/stream`: send `{\"op\":\"subscribe\",\"id\":1,\"channels\":[\"trades:CAMP\",\"book:CAMP\",\"ticker:CAMP\",\"candles:CAMP:1m\",\"status\"]}`. "
        + "Private channels `orders`, `fills`, `balances` need a token with scope `read`: `Authorization: Bearer ctk_…` on the upgrade, or first "
        + "`{\"op\":\"auth\",\"token\":\"ctk_…\"}`. Book: a `book` snapshot (top 10 levels per side, `[price, quantity]`) with `seq`, then `bookUpdate` "
        + "messages with only the changed levels (quantity 0 removes one); `seq` grows by exactly 1 per update, so on a jump send "
        + "`{\"op\":\"snapshot\",\"channel\":\"book:CAMP\"}` and start again from it. Trades carry a per-channel `seq` too. "
        + "Also: `unsubscribe`, `{\"op\":\"ping\"}` → `pong`. Errors: `{\"type\":\"error\",\"code\":…}` (`channel_unknown`, `token_required`, `bad_request`, …). "
        + "Close codes: 4401 token invalid or revoked (also API switched off), 4408 `slow_consumer` (your buffer of 1,024 messages filled: read faster), "
        + "1008 `abuse`, 1001 server restarting. Public channels also as Server-Sent Events for curl: "
        + "`curl -N '…/api/v1/stream/sse?channels=trades:CAMP,book:CAMP'`. Full protocol: docs/decisions/0019-market-data-stream.md.";
}
