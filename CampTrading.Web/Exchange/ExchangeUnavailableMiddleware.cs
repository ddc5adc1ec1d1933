using CampTrading.Core.Journal;
using Npgsql;

namespace CampTrading.Web.Exchange;

/// <summary>
/// While the exchange or its database cannot answer (database down, standby, journal unwritable at shutdown, lock
/// lost), a request gets 503 with Retry-After, never a 500 with internals: a problem document for API and JSON
/// callers, a short bilingual page for browsers.
/// </summary>
public sealed class ExchangeUnavailableMiddleware(RequestDelegate next, ILogger<ExchangeUnavailableMiddleware> logger)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (IsUnavailable(ex) && !context.Response.HasStarted)
        {
            logger.LogWarning("Answered 503 to {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, ex.GetBaseException().Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (WantsHtml(context.Request))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Page);
            }
            else
            {
                await Results.Problem(
                    title: "The exchange is unavailable right now.",
                    detail: $"Try again in a few seconds. 交易所暫時無法服務，請稍後再試。",
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    extensions: new Dictionary<string, object?> { ["code"] = "exchange_unavailable" }).ExecuteAsync(context);
            }
        }
    }

    /// <summary>The exchange refused for now, or the database could not be reached (as opposed to a bug or bad SQL).</summary>
    public static bool IsUnavailable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is ExchangeUnavailableException or TimeoutException) return true;
            if (e is PostgresException pg) return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal);
            if (e is NpgsqlException) return true;
        }
        return false;
    }

    private static bool WantsHtml(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private const string Page = """
        <!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="5"><title>稍候 Please wait</title></head>
        <body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">
        <h1>交易所暫時無法服務</h1><p>請稍候幾秒，頁面會自動重新整理。</p>
        <h1 lang="en">The exchange is briefly unavailable</h1><p lang="en">Please wait a few seconds; this page reloads by itself.</p>
        </body></html>
        """;
}

public static class ExchangeUnavailableMiddlewareExtensions
{
    /// <summary>Register early (before the developer or production exception page) so these never show as a 500.</summary>
    public static IApplicationBuilder UseExchangeUnavailableResponses(this IApplicationBuilder app) =>
        app.UseMiddleware<ExchangeUnavailableMiddleware>();
}
