using Microsoft.AspNetCore.Http.Features;

namespace CampTrading.Web.LiveMarket;

/// <summary>
/// <c>GET /live/market/{instrumentId}</c> and <c>GET /live/board</c>: the shared market as Server-Sent Events, one frame
/// per event, the current one first. Public like the board and the API's market data: nothing in a frame names an account.
/// Each stream holds one socket and at most one frame; the connection limits per address (Abuse/ConnectionLimits) bound
/// how many one camper can hold.
/// </summary>
public static class LiveMarketEndpoints
{
    private static readonly byte[] Retry = "retry: 1000\n\n"u8.ToArray(); // the browser's EventSource reconnects after a second
    public static WebApplication MapLiveMarket(this WebApplication app)
    {
        var live = app.MapGroup("/live").AllowAnonymous().ExcludeFromDescription();
        live.MapGet("/market/{instrumentId:int}", (int instrumentId, HttpContext http, LiveMarketHub hub, IHostApplicationLifetime lifetime) =>
            hub.Instrument(instrumentId) is { } topic ? StreamAsync(http, topic, lifetime) : Task.FromResult(Results.NotFound()));
        live.MapGet("/board", (HttpContext http, LiveMarketHub hub, IHostApplicationLifetime lifetime) => StreamAsync(http, hub.Board, lifetime));
        return app;
    }

    private static async Task<IResult> StreamAsync(HttpContext http, LiveTopic topic, IHostApplicationLifetime lifetime)
    {
        var response = http.Response;
        // A stream never ends by itself: a stopping app ends it, or the graceful shutdown would wait for every phone.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ending.Token;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // a reverse proxy must pass each frame on at once
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        if (Infrastructure.HeadRequests.WasHead(http)) return Results.Empty; // an uptime check: no stream
        try
        {
            await response.BodyWriter.WriteAsync(Retry, aborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            return Results.Empty; // the page went away at once
        }
        // From here the publisher writes the frames into the response itself; this request only waits for its end.
        await using var follower = topic.Follow(response.BodyWriter);
        await Task.WhenAny(follower.Gone, Task.Delay(Timeout.Infinite, aborted));
        return Results.Empty;
    }
}
