using System.Collections.Frozen;
using System.Globalization;
using CampTrading.Core.Engine;

namespace CampTrading.Web.TradingApi;

/// <summary>
/// The API's own stable codes, beside the engine's (<see cref="RejectCodes"/>), which the API answers unchanged for engine
/// refusals. Each has an HTTP status and a message in English and zh-TW.
/// </summary>
public static class ApiCodes
{
    public const string TokenInvalid = "token_invalid";
    public const string TokenRevoked = "token_revoked";
    public const string TokenExpired = "token_expired";
    public const string ScopeMissing = "scope_missing";
    public const string ApiDisabled = "api_disabled";
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public static readonly string AccountDisabled = RejectCodes.Code(RejectCode.AccountDisabled);
    public static readonly string RateLimited = RejectCodes.Code(RejectCode.RateLimited);
    public static readonly string RequestTooLarge = RejectCodes.Code(RejectCode.RequestTooLarge);

    internal sealed record Text(int Status, string En, string ZhTw);

    internal static readonly FrozenDictionary<string, Text> Own = new Dictionary<string, Text>
    {
        [TokenInvalid] = new(401, "The bearer token is missing, malformed or unknown.", "API 金鑰缺少、格式錯誤或不存在"),
        [TokenRevoked] = new(401, "This token has been revoked.", "此 API 金鑰已撤銷"),
        [TokenExpired] = new(401, "This token has expired.", "此 API 金鑰已過期"),
        [ScopeMissing] = new(403, "This token lacks the scope this operation needs.", "此 API 金鑰沒有執行此操作的權限範圍"),
        [ApiDisabled] = new(503, "The trading API is switched off for the camp right now.", "交易 API 目前已由工作人員關閉"),
        [ValidationFailed] = new(400, "The request is not valid.", "請求內容不正確"),
        [NotFound] = new(404, "No such resource.", "找不到此資源"),
        [MethodNotAllowed] = new(405, "This resource does not answer that HTTP method.", "此資源不支援這個 HTTP 方法"),
        [UnsupportedMediaType] = new(415, "Send the body as JSON (Content-Type: application/json).", "請以 JSON 傳送內容（Content-Type: application/json）"),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}

/// <summary>
/// RFC 7807 answers of the trading API: the stable code in <c>code</c> (branch on it), the English text as title, the
/// particulars as detail, the zh-TW text in <c>message_zh</c>; <c>type</c> is <c>urn:camptrading:problem:{code}</c>.
/// </summary>
public static class ApiProblems
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo ZhTw = CultureInfo.GetCultureInfo("zh-TW");

    /// <summary>The HTTP status an engine refusal is answered with.</summary>
    public static int StatusOf(RejectCode code) => code switch
    {
        RejectCode.InvalidCommand or RejectCode.InvalidQuantity or RejectCode.InvalidPrice or RejectCode.QuantityAboveMax
            or RejectCode.PriceOutsideBand => StatusCodes.Status400BadRequest,
        RejectCode.AccountDisabled => StatusCodes.Status401Unauthorized,
        RejectCode.OrderNotOwned or RejectCode.NotPermitted => StatusCodes.Status403Forbidden,
        RejectCode.InstrumentUnknown or RejectCode.OrderUnknown or RejectCode.AccountUnknown => StatusCodes.Status404NotFound,
        RejectCode.RateLimited or RejectCode.TooManyAttempts => StatusCodes.Status429TooManyRequests,
        RejectCode.RequestTooLarge => StatusCodes.Status413PayloadTooLarge,
        RejectCode.RequestKeyConflict => StatusCodes.Status409Conflict,
        RejectCode.JournalRejected => StatusCodes.Status503ServiceUnavailable,
        // Understood, but not possible now: market closed or halted, not enough points or shares, frozen, in debt, daily limit.
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static int StatusOf(string code) =>
        ApiCodes.Own.TryGetValue(code, out var text) ? text.Status : EngineCode(code) is { } reject ? StatusOf(reject) : StatusCodes.Status400BadRequest;

    private static RejectCode? EngineCode(string code) =>
        Enum.GetValues<RejectCode>().Where(c => c != RejectCode.None && RejectCodes.Code(c) == code).Select(c => (RejectCode?)c).FirstOrDefault();

    /// <summary>An engine refusal, with its details in the messages (e.g. the band's bounds).</summary>
    public static IResult For(CommandResult result, string? detail = null)
    {
        var problem = Build(RejectCodes.Code(result.Code), StatusOf(result.Code), RejectCodes.Message(result, English),
            RejectCodes.Message(result, ZhTw), detail ?? RejectCodes.Message(result, English));
        return result.Code == RejectCode.RateLimited ? new WithRetryAfter(problem, Math.Max(1, result.Detail1)) : problem;
    }

    /// <summary>An engine code without a result (e.g. checked before the queue).</summary>
    public static IResult For(RejectCode code, string detail, long detail1 = 0, long detail2 = 0) =>
        Build(RejectCodes.Code(code), StatusOf(code), RejectCodes.Message(code, English, detail1, detail2), RejectCodes.Message(code, ZhTw, detail1, detail2), detail);

    /// <summary>One of the API's own codes (<see cref="ApiCodes"/>).</summary>
    public static IResult For(string code, string detail)
    {
        if (!ApiCodes.Own.TryGetValue(code, out var text))
        {
            var engine = EngineCode(code) ?? throw new ArgumentException($"Unknown problem code {code}.", nameof(code));
            var problem401 = For(engine, detail);
            return StatusOf(engine) == StatusCodes.Status401Unauthorized ? new WithHeader(problem401, "WWW-Authenticate", "Bearer") : problem401;
        }
        var problem = Build(code, text.Status, text.En, text.ZhTw, detail);
        return text.Status == StatusCodes.Status401Unauthorized ? new WithHeader(problem, "WWW-Authenticate", "Bearer") : problem;
    }

    public static IResult RateLimited(long retryAfterSeconds, string detail) =>
        new WithRetryAfter(For(RejectCode.RateLimited, detail, retryAfterSeconds), retryAfterSeconds);

    public static IResult Validation(string detail) => For(ApiCodes.ValidationFailed, detail);

    public static string TypeOf(string code) => "urn:camptrading:problem:" + code;

    /// <summary>The problem as JSON (for the OpenAPI examples).</summary>
    public static Dictionary<string, object?> Body(string code, string detail, long detail1 = 0, long detail2 = 0)
    {
        var reject = EngineCode(code) ?? RejectCode.InvalidCommand;
        var (status, en, zh) = ApiCodes.Own.TryGetValue(code, out var own) ? (own.Status, own.En, own.ZhTw)
            : (StatusOf(reject), RejectCodes.Message(reject, English, detail1, detail2), RejectCodes.Message(reject, ZhTw, detail1, detail2));
        return new Dictionary<string, object?>
        {
            ["type"] = TypeOf(code), ["title"] = en, ["status"] = status, ["detail"] = detail, ["code"] = code, ["message_zh"] = zh,
        };
    }

    private static IResult Build(string code, int status, string title, string zh, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail, type: TypeOf(code),
            extensions: new Dictionary<string, object?> { ["code"] = code, ["message_zh"] = zh });

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class WithRetryAfter(IResult inner, long seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
