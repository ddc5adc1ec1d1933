using CampTrading.Web.TradingApi;
using Microsoft.AspNetCore.Diagnostics;

namespace CampTrading.Web.Components;

public static class StatusPages
{
    /// <summary>
    /// Friendly status pages are for page visits: re-executing a refused POST (401, 429) as a form post
    /// to the not-found page would fail antiforgery and answer 400 instead of the real status. Requests to the APIs
    /// (<c>/api/…</c>) never get a page: a refusal the framework answers with an empty body (no such path, a method the
    /// path does not take, a body that is not JSON) gets a problem with a stable code, like every other API refusal.
    /// </summary>
    public static IApplicationBuilder UseStatusPagesForPageVisitsOnly(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var api = context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
            if ((api || !HttpMethods.IsGet(context.Request.Method)) && context.Features.Get<IStatusCodePagesFeature>() is { } feature)
                feature.Enabled = false;
            return api ? WithProblemsAsync(context, next) : next(context);
        });

    private static async Task WithProblemsAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (EmptyRefusal(context.Response) is { } code)
            await ApiProblems.For(code, $"{context.Request.Method} {context.Request.Path}").ExecuteAsync(context);
    }

    private static string? EmptyRefusal(HttpResponse response) =>
        response.HasStarted || response.ContentLength > 0 || response.ContentType is not null ? null : response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ApiCodes.NotFound,
            StatusCodes.Status405MethodNotAllowed => ApiCodes.MethodNotAllowed,
            StatusCodes.Status415UnsupportedMediaType => ApiCodes.UnsupportedMediaType,
            _ => null,
        };
}
