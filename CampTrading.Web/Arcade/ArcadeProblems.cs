using System.Globalization;
using CampTrading.Core.Engine;

namespace CampTrading.Web.Arcade;

/// <summary>
/// RFC 7807 answers of the arcade API: the stable code of <see cref="RejectCodes"/> in the <c>code</c> extension (what a
/// machine should branch on), the English text as title, the details as detail, the zh-TW text in <c>message_zh</c>.
/// </summary>
public static class ArcadeProblems
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo ZhTw = CultureInfo.GetCultureInfo("zh-TW");

    /// <summary>The HTTP status a refusal is answered with.</summary>
    public static int StatusOf(RejectCode code) => code switch
    {
        RejectCode.WrongSecret or RejectCode.ArcadeMachineUnknown => StatusCodes.Status401Unauthorized,
        RejectCode.ArcadeMachineRevoked => StatusCodes.Status403Forbidden,
        RejectCode.InvalidCommand or RejectCode.InvalidAmount => StatusCodes.Status400BadRequest,
        RejectCode.AccountUnknown => StatusCodes.Status404NotFound,
        RejectCode.ArcadeTransactionConflict => StatusCodes.Status409Conflict,
        RejectCode.TooManyAttempts or RejectCode.RateLimited => StatusCodes.Status429TooManyRequests,
        RejectCode.RequestTooLarge => StatusCodes.Status413PayloadTooLarge,
        // The request was understood but the student cannot do it now: no points, frozen, in debt, disabled, settled.
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static IResult For(CommandResult result, string? detail = null) =>
        For(result.Code, detail ?? RejectCodes.Message(result, English), result.Detail1, result.Detail2);

    public static IResult For(RejectCode code, string detail, long detail1 = 0, long detail2 = 0)
    {
        var status = StatusOf(code);
        return Results.Problem(
            statusCode: status,
            title: RejectCodes.Message(code, English, detail1, detail2),
            detail: detail,
            type: TypeOf(code),
            extensions: new Dictionary<string, object?>
            {
                ["code"] = RejectCodes.Code(code),
                ["message_zh"] = RejectCodes.Message(code, ZhTw, detail1, detail2),
            });
    }

    /// <summary>A stable identifier per code (not a page to fetch).</summary>
    public static string TypeOf(RejectCode code) => "urn:camptrading:problem:" + RejectCodes.Code(code);

    /// <summary>Writes a problem straight to the response (where no endpoint runs, e.g. the rate limiter's refusal).</summary>
    public static Task WriteAsync(HttpContext http, RejectCode code, string detail) =>
        For(code, detail).ExecuteAsync(http);
}
