using CampTrading.Web.Exchange;

namespace CampTrading.Web.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (ExchangeService exchange, QueryTablePersister persister) =>
        {
            var health = exchange.Health;
            var body = new
            {
                status = exchange.IsReady ? "ok" : "starting",
                engine = health,
                recovery = exchange.Recovery,
                queryTables = new { watermark = persister.Watermark, backlog = persister.Backlog },
            };
            return exchange.IsReady ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithName("Health").WithTags("Health").AllowAnonymous();
        return app;
    }
}
