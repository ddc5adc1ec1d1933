using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using CampTrading.Web.TradingApi;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Arcade;

/// <summary>
/// The arcade machine API (<c>/api/arcade/v1</c>). The machine key in <see cref="KeyHeader"/> is the credential, so the
/// endpoints are anonymous to cookie authorization. Students are named by their badge's registration code. Refusals are
/// problem details with a stable <c>code</c>; requests are rate limited per machine key (<see cref="ArcadeRateLimitPolicy"/>).
/// </summary>
public static class ArcadeApi
{
    public const string KeyHeader = "X-Arcade-Key";
    public const string GroupPrefix = "/api/arcade/v1";
    public const string Tag = "Arcade";

    private const int MaxStudentLength = 64;

    public static IEndpointRouteBuilder MapArcadeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(GroupPrefix)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(ArcadeRateLimitPolicy.Name)
            .WithTags(Tag);

        api.MapPost("/transactions", TransactAsync)
            .WithName("ArcadeTransaction")
            .WithSummary("Charge a play or pay a prize")
            .WithDescription(
                "Negative amount charges the student for a play, positive pays a prize. `student` is the public student number on the "
                + "student's badge (digits, e.g. `1001`; the private sign-in code is refused). `clientTransactionId` is unique per machine: a retry with "
                + "the same id and body returns the original result and moves nothing; the same id with a different body is refused "
                + "with `arcade_transaction_conflict`.")
            .Accepts<ArcadeTransactionRequest>("application/json")
            .Produces<ArcadeTransactionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/balance/{student}", BalanceAsync)
            .WithName("ArcadeBalance")
            .WithSummary("A student's points")
            .WithDescription("`student` is the public student number on the student's badge (digits, e.g. `1001`).")
            .Produces<ArcadeBalanceResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> TransactAsync(HttpContext http, ArcadeService arcade, StudentNumberDirectory students, IOptions<ArcadeOptions> options)
    {
        var auth = Authenticate(http, arcade);
        if (auth is not null) return auth;

        var body = await ApiInput.ReadBodyAsync(http, options.Value.MaxRequestBytes);
        if (body is null)
            return ArcadeProblems.For(RejectCode.RequestTooLarge, $"The body may hold at most {options.Value.MaxRequestBytes} bytes.");
        ArcadeTransactionRequest? request;
        try
        {
            // Strictly, as the trading API: no unknown or repeated fields (two parsers must never read different amounts), numbers as numbers.
            request = JsonSerializer.Deserialize<ArcadeTransactionRequest>(body, ApiInput.Json);
        }
        catch (JsonException)
        {
            return ArcadeProblems.For(RejectCode.InvalidCommand, "The body is not a JSON transaction: {student, amount, game, clientTransactionId}, each once, amount a whole number, no other fields.");
        }
        if (request is null || string.IsNullOrWhiteSpace(request.Student) || request.Amount is null
            || string.IsNullOrWhiteSpace(request.Game) || string.IsNullOrWhiteSpace(request.ClientTransactionId))
            return ArcadeProblems.For(RejectCode.InvalidCommand, "student, amount, game and clientTransactionId are all required.");
        if (Refuse(request) is { } refused) return refused;

        // The public number only: the private secret must not let a machine act on the account.
        if (StudentNumbers.Parse(request.Student) is not int number || await students.FindAccountAsync(number, http.RequestAborted) is not int account)
            return UnknownStudent(request.Student);

        var result = await arcade.SubmitAsync((int)arcade.Authenticate(http).Id, request.ClientTransactionId, account,
            request.Amount.Value, request.Game, http.RequestAborted);
        if (!result.IsOk) return ArcadeProblems.For(result);
        return Results.Ok(new ArcadeTransactionResponse(result.Id, request.ClientTransactionId.Trim(), StudentNumbers.Format(number),
            result.Detail1, request.Game.Trim(), result.Detail2));
    }

    /// <summary>The engine's own limits, checked here so a request it would refuse never reaches the queue (or the journal).</summary>
    private static IResult? Refuse(ArcadeTransactionRequest request)
    {
        if (request.Student!.Length > MaxStudentLength)
            return ArcadeProblems.For(RejectCode.InvalidCommand, $"student may hold at most {MaxStudentLength} characters.");
        if (request.Game!.Trim().Length > ArcadeTransaction.MaxGameLength)
            return ArcadeProblems.For(RejectCode.InvalidCommand, $"game may hold at most {ArcadeTransaction.MaxGameLength} characters.");
        if (request.ClientTransactionId!.Trim().Length > ArcadeTransaction.MaxIdLength)
            return ArcadeProblems.For(RejectCode.InvalidCommand, $"clientTransactionId may hold at most {ArcadeTransaction.MaxIdLength} characters.");
        if (request.Amount is 0 or < -ArcadeTransaction.MaxAmount or > ArcadeTransaction.MaxAmount)
            return ArcadeProblems.For(RejectCode.InvalidAmount, $"amount must be a non-zero whole number from -{ArcadeTransaction.MaxAmount} to {ArcadeTransaction.MaxAmount}.");
        return null;
    }

    /// <summary>
    /// The name from the roster; the points from the market read model, which the sequencer updates before it acknowledges
    /// a command, so a machine reading its student's balance after a transaction sees that transaction.
    /// </summary>
    private static async Task<IResult> BalanceAsync(HttpContext http, string student, ArcadeService arcade, StudentStore students, ExchangeService exchange)
    {
        var auth = Authenticate(http, arcade);
        if (auth is not null) return auth;
        // The public number only: the private secret must not let a machine read the account.
        var found = StudentNumbers.Parse(student) is int number ? await students.FindByNumberAsync(number, http.RequestAborted) : null;
        if (found is null || exchange.Market.Account(found.AccountId) is not { } account) return UnknownStudent(student);
        return Results.Ok(new ArcadeBalanceResponse(StudentNumbers.Format(found.Number), found.Name, account.Points, account.AvailablePoints));
    }

    /// <summary>Null when the presented key belongs to a live machine, else the refusal. Checked in memory, never through the engine.</summary>
    private static IResult? Authenticate(HttpContext http, ArcadeService arcade)
    {
        var key = http.Request.Headers[KeyHeader].ToString();
        if (string.IsNullOrEmpty(key))
            return ArcadeProblems.For(RejectCode.WrongSecret, $"The {KeyHeader} header is missing.");
        var auth = arcade.Authenticate(http);
        return auth.IsOk ? null : ArcadeProblems.For(auth, auth.Code == RejectCode.WrongSecret ? $"The {KeyHeader} header does not hold a valid machine key." : null);
    }

    private static IResult UnknownStudent(string typed) =>
        ArcadeProblems.For(RejectCode.AccountUnknown, $"No student has the number '{ApiInput.Quoted(typed, 20)}'.");
}
