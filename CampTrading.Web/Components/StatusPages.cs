using Microsoft.AspNetCore.Diagnostics;

namespace CampTrading.Web.Components;

public static class StatusPages
{
    /// <summary>
    /// Friendly status pages are for page visits: re-executing a refused POST (401, 429) as a form post
    /// to the not-found page would fail antiforgery and answer 400 instead of the real status.
    /// </summary>
    public static IApplicationBuilder UseStatusPagesForPageVisitsOnly(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && context.Features.Get<IStatusCodePagesFeature>() is { } feature)
                feature.Enabled = false;
            return next(context);
        });
}
