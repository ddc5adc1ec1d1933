using System.Diagnostics.Metrics;
using CampTrading.Web.Infrastructure.Metrics;

namespace CampTrading.Web.TradingApi;

/// <summary>
/// Per-token series of the private trading API on <c>/metrics</c> (meter <see cref="CampGauges.MeterName"/>):
/// <c>camp_api_requests_total{token, result}</c> and <c>camp_api_rate_limited_total{token}</c>. The token tag is the
/// token's public id (never its secret), set only once the token has authenticated, so only tokens that exist make
/// series; a missing or bad token counts as <c>token="none"</c>, so guessed or random tokens add nothing. Result is one
/// of five classes. Series are therefore at most (tokens that authenticated + 1) × 5; a student holds at most
/// TradingApi:MaxTokensPerStudent live tokens, and OpenTelemetry's per-instrument cardinality limit (2,000) is the
/// backstop against a camper who creates and revokes tokens all day.
/// </summary>
public sealed class ApiMetrics
{
    public const string NoToken = "none";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rateLimited;

    public ApiMetrics(IMeterFactory meters)
    {
        // The factory hands back the same meter CampGauges uses (same name), which /metrics already exports.
        var meter = meters.Create(CampGauges.MeterName);
        _requests = meter.CreateCounter<long>("camp.api.requests", "{request}", "Private trading API requests by token public id and result class.");
        _rateLimited = meter.CreateCounter<long>("camp.api.rate_limited", "{request}", "Private trading API requests refused by the token's or student's rate limit, by token public id.");
    }

    /// <summary>ok (2xx), rate_limited (429), unauthorized (401/403), client_error (other 4xx), server_error (5xx and anything else).</summary>
    public static string ResultClass(int status) => status switch
    {
        >= 200 and < 300 => "ok",
        429 => "rate_limited",
        401 or 403 => "unauthorized",
        >= 400 and < 500 => "client_error",
        _ => "server_error",
    };

    public void Request(string? tokenPublicId, int status) =>
        _requests.Add(1, new KeyValuePair<string, object?>("token", tokenPublicId ?? NoToken), new KeyValuePair<string, object?>("result", ResultClass(status)));

    public void RateLimited(string tokenPublicId) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>("token", tokenPublicId));
}
