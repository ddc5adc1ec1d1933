namespace CampTrading.Web.Infrastructure;

public static class HeadRequests
{
    private static readonly object Marker = new();

    /// <summary>Whether the request came as HEAD (answered as GET): an endpoint that streams forever answers it at once.</summary>
    public static bool WasHead(HttpContext context) => context.Items.ContainsKey(Marker);

    /// <summary>
    /// Answers HEAD as GET is answered, without the body (RFC 9110 §9.3.2): uptime monitors and link checkers ask with HEAD,
    /// and endpoints are mapped for GET only. Kestrel keeps knowing the request was HEAD and sends no body bytes. Must run
    /// before routing. The circuits' hub is left alone.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_blazor"))
            {
                context.Request.Method = HttpMethods.Get;
                context.Items[Marker] = true;
            }
            return next(context);
        });
}
