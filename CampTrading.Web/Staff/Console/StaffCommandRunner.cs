using System.Globalization;
using System.Security.Claims;
using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;

namespace CampTrading.Web.Staff.Console;

/// <summary>What happened to one staff action, worded for the console.</summary>
public sealed record ConsoleOutcome(bool Ok, string Message, CommandResult Result = default)
{
    /// <summary>The journal sequence number of the engine command (0 when none was journaled): pass it to QueryTablePersister.WaitForAsync.</summary>
    public long Seq { get; init; }

    public static ConsoleOutcome Refused(string message) => new(false, message);
}

/// <summary>
/// Runs one staff action against the engine: re-checks the acting user's permission and that their sign-in is still
/// current (a console page can outlive a role or password change), submits the command stamped with the staff member's name, and audits the attempt
/// with its outcome whether the engine took it or not.
/// </summary>
public sealed class StaffCommandRunner(ExchangeService exchange, AuditLog audit, StaffSignIn staffSignIn)
{
    private static readonly CultureInfo ZhTw = CultureInfo.GetCultureInfo("zh-TW");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public ExchangeService Exchange => exchange;

    public async Task<ConsoleOutcome> RunAsync(ClaimsPrincipal user, Permission permission, string action, string? target,
        Func<string, Command> command, object? details, Func<CommandResult, string> success)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(success);
        return await RunAsync(user, permission, action, target, async actor =>
        {
            var (seq, result) = await exchange.SubmitTrackedAsync(command(actor));
            return (result.IsOk ? new ConsoleOutcome(true, success(result), result) : new ConsoleOutcome(false, Refusal(result), result)) with { Seq = seq };
        }, details);
    }

    /// <summary>
    /// The same path for a staff action that is not one engine command (a booth, an arcade key, a QR batch, a staff user):
    /// <paramref name="act"/> runs only when the permission and sign-in are current, gets the staff member's name, and its
    /// outcome is audited. Its message should be worded in both languages.
    /// </summary>
    public async Task<ConsoleOutcome> RunAsync(ClaimsPrincipal user, Permission permission, string action, string? target,
        Func<string, Task<ConsoleOutcome>> act, object? details)
    {
        ArgumentNullException.ThrowIfNull(act);
        if (await RefusalAsync(user, permission) is { } refused) return refused;
        var actor = ActorOf(user);
        var outcome = await act(actor);
        var code = outcome.Ok ? "ok" : outcome.Result.IsOk ? "refused" : RejectCodes.Code(outcome.Result.Code);
        await audit.WriteAsync(actor, action, target, new { result = code, details });
        return outcome;
    }

    /// <summary>
    /// The same path for a staff action whose service writes its own audit row (announcements, a staff duel cancel, staff accounts):
    /// the permission and sign-in are re-checked and <paramref name="act"/> gets the staff member's name, but no second
    /// audit row is written. A refusal here runs nothing and is not audited, as on the other overloads' refusal path.
    /// </summary>
    public async Task<ConsoleOutcome> RunSelfAuditedAsync(ClaimsPrincipal user, Permission permission, Func<string, Task<ConsoleOutcome>> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        if (await RefusalAsync(user, permission) is { } refused) return refused;
        return await act(ActorOf(user));
    }

    private async Task<ConsoleOutcome?> RefusalAsync(ClaimsPrincipal user, Permission permission)
    {
        if (!CampRoles.Allows(user, permission))
            return ConsoleOutcome.Refused($"需要 {permission} 權限。{permission} is required.");
        // The roles on the principal are those of sign-in: a role or password change since then rotated the stamp.
        if (!await staffSignIn.IsCurrentAsync(user))
            return ConsoleOutcome.Refused("你的權限已變更，請重新登入。Your access changed: sign in again.");
        return null;
    }

    /// <summary>The engine's reason in both languages with its stable code.</summary>
    public static string Refusal(CommandResult result) =>
        $"{RejectCodes.Message(result, ZhTw)} {RejectCodes.Message(result, English)}（{RejectCodes.Code(result.Code)}）";

    public static string ActorOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
