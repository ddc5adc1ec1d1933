using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Abuse;

/// <summary>
/// Which commands are student actions (and whose), and the limiter's verdict on one. The exchange's door
/// (<see cref="Exchange.ExchangeService.SubmitAsync(Command, CancellationToken)"/>) asks before a command reaches the
/// queue, so pages, APIs and the bot are all counted the same way.
/// </summary>
public static class StudentActionGate
{
    /// <summary>The kind and acting account of a student action; null for staff, system and machine commands.</summary>
    public static (ActionKind Kind, int AccountId)? Classify(Command command)
    {
        (ActionKind, int)? action = command switch
        {
            PlaceOrder { Origin: OrderOrigin.House } => null, // the house market maker quotes on its own timer, not a person's
            PlaceOrder c => (ActionKind.Order, c.AccountId),
            CancelOrder c => (ActionKind.Cancel, c.AccountId),
            RedeemQr c => (ActionKind.QrRedeem, c.AccountId),
            CreateDuel c => (ActionKind.Duel, c.ChallengerId),
            AcceptDuel c => (ActionKind.Duel, c.AccountId),
            ChooseDuel c => (ActionKind.Duel, c.AccountId),
            CancelDuel { Actor: null } c => (ActionKind.Duel, c.AccountId),
            Transfer c => (ActionKind.Transfer, c.FromAccountId),
            _ => null,
        };
        return action is (_, var account) && account < SystemAccounts.FirstUserAccount ? null : action;
    }

    /// <summary>Null when the command may go on, else the refusal (<see cref="RejectCode.RateLimited"/>, Detail1 = seconds to wait).</summary>
    public static CommandResult? Check(this StudentActionLimiter limiter, Command command, string? source)
    {
        if (Classify(command) is not var (kind, account)) return null;
        var decision = limiter.TryAcquire(account, source, kind);
        return decision.Allowed ? null : Refusal(decision);
    }

    public static CommandResult Refusal(LimitDecision decision) =>
        CommandResult.Reject(RejectCode.RateLimited, Math.Max(1, (long)Math.Ceiling(decision.RetryAfter.TotalSeconds)));
}
