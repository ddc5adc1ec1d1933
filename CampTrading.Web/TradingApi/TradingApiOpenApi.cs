using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampTrading.Web.TradingApi;

/// <summary>
/// The OpenAPI document <c>/openapi/trading.json</c> of <c>/api/v1</c> (browsable at <c>/api/docs</c> beside the arcade
/// API): the bearer token scheme, and examples of requests, answers and problems for every operation.
/// </summary>
public static class TradingApiOpenApi
{
    public const string DocumentName = "trading";
    private const string SchemeId = "Bearer";
    private static readonly DateTimeOffset At = new(2026, 7, 1, 1, 30, 0, TimeSpan.Zero);

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CampTrading trading API",
                Version = "v1",
                Description = "Trade on the camp exchange from your own code. Market data is public. Your portfolio, orders and fills need a personal "
                    + "token (create it on the API tokens page of the student app, `/api-tokens`) sent as `Authorization: Bearer ctk_…`; scope `read` "
                    + "reads, `trade` places and cancels. Orders go through the same checks and limits as the trade page. Errors are RFC 7807 problem "
                    + "details whose `code` is stable (the engine's codes for refusals): branch on it, not on the text. Every private answer carries "
                    + "`X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds until the bucket is full); a 429 carries `Retry-After`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal token, `ctk_{id}_{secret}`, shown once when created.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var isPrivate = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiresScope>().Any();
            if (isPrivate)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
                Problem(operation, ApiCodes.TokenInvalid, "Send the token as `Authorization: Bearer ctk_…`.");
                Problem(operation, ApiCodes.TokenRevoked, "This token was revoked; create a new one on the API tokens page.");
                Problem(operation, ApiCodes.ScopeMissing, "This operation needs the 'trade' scope; the token has 'read'.");
                Problem(operation, ApiCodes.RateLimited, "At most 20 requests at once and 5/s per token (30 and 8/s per student).", 1);
            }
            else Problem(operation, ApiCodes.RateLimited, "Too many market-data requests from this address; wait for Retry-After seconds.", 30);
            Problem(operation, ApiCodes.ApiDisabled, "Staff have switched the trading API off for now; the web page still works.");
            Describe(operation);
            return Task.CompletedTask;
        });
    }

    private static void Describe(OpenApiOperation operation)
    {
        switch (operation.OperationId)
        {
            case "ListInstruments":
                Ok(operation, new InstrumentsResponse(new SessionInfo("open", "none", At.AddHours(3), false),
                    new RulesInfo(20, 1, 1, 10_000, 1_000, ["limit", "market"], ["gtc", "ioc", "fok"]),
                    [new InstrumentInfo("CAMP", "Camp Stock", true, 21, 20, 16, 24)]));
                break;
            case "GetOrderBook":
                Parameter(operation, "depth", "Levels per side, 1–10.", 5);
                Ok(operation, new BookResponse("CAMP", 1234, [new BookLevel(20, 150, 3), new BookLevel(19, 40, 1)], [new BookLevel(21, 80, 2)]));
                UnknownSymbol(operation);
                Problem(operation, ApiCodes.ValidationFailed, "depth must be a whole number from 1 to 10.");
                break;
            case "GetRecentTrades":
                Parameter(operation, "limit", "Trades, 1–200.", 50);
                Ok(operation, new TradesResponse("CAMP", [new PublicTrade(981, At, 21, 10, "buy"), new PublicTrade(980, At.AddSeconds(-40), 20, 5, "sell")]));
                UnknownSymbol(operation);
                break;
            case "GetCandles":
                Parameter(operation, "interval", "1m, 5m, 1h or 1d.", "5m");
                Parameter(operation, "from", "First candle at or after this time (ISO 8601).", "2026-07-01T01:00:00Z");
                Parameter(operation, "to", "Last candle at or before this time (ISO 8601).", "2026-07-01T02:00:00Z");
                Parameter(operation, "limit", "Candles, 1–1000; the newest are kept.", 100);
                Ok(operation, new CandlesResponse("CAMP", "5m", [new CandleItem(At, 20, 22, 19, 21, 340)]));
                UnknownSymbol(operation);
                Problem(operation, ApiCodes.ValidationFailed, "interval must be one of 1m, 5m, 1h, 1d.");
                break;
            case "GetTicker":
                Ok(operation, new TickerResponse("CAMP", 21, 20, 500, 20, 21, 20, 22, 19, 1_250, "open"));
                UnknownSymbol(operation);
                break;
            case "GetPortfolio":
                Ok(operation, new PortfolioResponse(9_580, 200, 9_380, 0, [new HoldingItem("CAMP", 20, 5, 15, 420, 21.00m)]));
                break;
            case "GetMyOrders":
                Parameter(operation, "limit", "Recent orders, 1–100.", 20);
                Ok(operation, new OrdersResponse(
                    [new OrderItem(77, "CAMP", "buy", 20, 10, 0, 10, "open", null, At)],
                    [new OrderItem(77, "CAMP", "buy", 20, 10, 0, 10, "open", null, At), new OrderItem(75, "CAMP", "sell", 22, 5, 2, 0, "cancelled", "by_owner", At.AddMinutes(-5))]));
                break;
            case "GetMyFills":
                Parameter(operation, "limit", "Fills, 1–100.", 20);
                Ok(operation, new FillsResponse([new FillItem(981, At, "CAMP", "buy", 21, 10, 76)]));
                break;
            case "PlaceOrder":
                RequestExample(operation, "limit", "Buy 10 at 20 or better; the rest rests in the book", new PlaceOrderRequest("CAMP", "buy", "limit", 10, 20, "gtc", "bot-0001"));
                RequestExample(operation, "market", "Sell 5 at the best bids now", new PlaceOrderRequest("CAMP", "sell", "market", 5, null, "ioc", "bot-0002"));
                RequestExample(operation, "fok", "Buy all 10 at 21 or better at once, or nothing", new PlaceOrderRequest("CAMP", "buy", "limit", 10, 21, "fok", "bot-0003"));
                Ok(operation, new OrderResult(77, "bot-0001", "CAMP", "buy", "limit", "gtc", 10, 20, "open", 4, 80, 20, 6, null, false));
                Problem(operation, ApiCodes.ValidationFailed, "The body is not valid (at $.quantity): expected a JSON object {symbol, side, type, quantity, price?, timeInForce?, clientOrderId?} with whole numbers and no other fields.");
                Problem(operation, "price_outside_band", "Price is outside the band (16–24 points).", 16, 24);
                Problem(operation, "quantity_above_max", "quantity may be at most 10000.", 10_000);
                Problem(operation, "request_too_large", "The body may hold at most 4096 bytes.");
                Problem(operation, "insufficient_points", "Not enough available points (need 200, have 120).", 200, 120);
                Problem(operation, "market_closed", "The market is closed.");
                Problem(operation, "fok_needs_open_market", "Fill or kill (FOK) works only while the market is open; in the pre-open, place an ordinary limit order.");
                Problem(operation, "request_key_conflict", "That request id was already used for a different request.");
                UnknownSymbol(operation);
                break;
            case "CancelOrder":
                Parameter(operation, "orderId", "The order's id.", 77);
                Ok(operation, new CancelResult(77, "cancelled", 4, 6));
                Problem(operation, "order_unknown", "No such open order.");
                Problem(operation, "order_not_owned", "That order is not yours.");
                Problem(operation, ApiCodes.ValidationFailed, "orderId must be a positive whole number.");
                break;
            case "CancelAllOrders":
                Parameter(operation, "symbol", "Only this instrument's orders (optional).", "CAMP");
                Ok(operation, new CancelAllResponse([new CancelResult(77, "cancelled", 4, 6)], []));
                UnknownSymbol(operation);
                break;
        }
    }

    private static void UnknownSymbol(OpenApiOperation operation) => Problem(operation, "instrument_unknown", "No instrument has the symbol 'NOPE'.");

    private static void Parameter(OpenApiOperation operation, string name, string description, object example)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == name))
        {
            parameter.Description = description;
            parameter.Example = JsonSerializer.SerializeToNode(example);
        }
    }

    private static void RequestExample(OpenApiOperation operation, string name, string summary, object value)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) != true || body is not OpenApiMediaType media) return;
        media.Examples ??= new Dictionary<string, IOpenApiExample>();
        media.Examples[name] = new OpenApiExample { Summary = summary, Value = Node(value) };
    }

    private static void Ok(OpenApiOperation operation, object value) => Example(operation, "200", "application/json", "ok", "Answer", Node(value));

    private static void Problem(OpenApiOperation operation, string code, string detail, long detail1 = 0, long detail2 = 0)
    {
        var body = ApiProblems.Body(code, detail, detail1, detail2);
        Example(operation, ((int)body["status"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), "application/problem+json", code, detail,
            JsonSerializer.SerializeToNode(body)!);
    }

    private static JsonNode Node(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), ApiInput.Json)!;

    private static void Example(OpenApiOperation operation, string status, string contentType, string name, string summary, JsonNode value)
    {
        operation.Responses ??= new OpenApiResponses();
        if (!operation.Responses.TryGetValue(status, out var found) || found is not OpenApiResponse response)
        {
            response = new OpenApiResponse { Description = ApiStatusText(status) };
            operation.Responses[status] = response;
        }
        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (!response.Content.TryGetValue(contentType, out var content))
        {
            content = new OpenApiMediaType();
            response.Content[contentType] = content;
        }
        content.Examples ??= new Dictionary<string, IOpenApiExample>();
        content.Examples[name] = new OpenApiExample { Summary = summary, Value = value };
    }

    private static string ApiStatusText(string status) => status switch
    {
        "400" => "Bad Request",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "Not Found",
        "413" => "Payload Too Large",
        "422" => "Unprocessable Entity",
        "429" => "Too Many Requests",
        "503" => "Service Unavailable",
        _ => "Answer",
    };
}
