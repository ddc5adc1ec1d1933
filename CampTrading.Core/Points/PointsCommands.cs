using System.Text.Json.Serialization;
using CampTrading.Core.Accounts;

namespace CampTrading.Core.Engine;

/// <summary>
/// Student to student. The sender pays <see cref="Amount"/> to the recipient plus a fee
/// (<see cref="CampTrading.Core.Points.TransferFees.For"/>) to the fees account. The result's Id is the transfer
/// id (the command's sequence number, the ledger entries' reference), Filled the amount, Detail1 the fee.
/// </summary>
public sealed record Transfer(int FromAccountId, int ToAccountId, long Amount, string? Memo = null) : Command
{
    /// <summary>The most one transfer may move, so amount plus fee can never overflow.</summary>
    public const long MaxAmount = Grant.MaxAmount;
    public const int MaxMemoLength = 200;

    /// <summary>Optional one-use request key (see <see cref="RequestKeys"/>): a second command with the same key from the same account does nothing and answers the first result.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestKey { get; init; }

    public const int MaxRequestKeyLength = RequestKeys.MaxLength;
}

/// <summary>
/// Gives (positive) or takes (negative) points to every student of a team, or everyone when Team is null,
/// exactly as one <see cref="Grant"/> each. The result's Id is the number of accounts affected,
/// Filled the points moved in total, Detail1 the total shortfall that became debt.
/// </summary>
public sealed record GrantToGroup(string? Team, long Amount, string Reason, string Actor) : Command;

/// <summary>
/// Records a fine: what the account has available pays it at once, the rest is owed and the account
/// cannot spend until it is repaid (docs/decisions/0005-debt.md). Filled = collected now, Detail1 = still owed.
/// </summary>
public sealed record RecordDebt(int AccountId, long Amount, string Reason, string Actor) : Command;

/// <summary>Forgives whatever the account still owes. Detail1 = the amount forgiven.</summary>
public sealed record ClearDebt(int AccountId, string Reason, string Actor) : Command;

/// <summary>Disabled: cannot act at all (its resting orders are cancelled). Frozen: cannot spend (its resting buys are cancelled).</summary>
public sealed record SetRestrictions(int AccountId, AccountRestrictions Restrictions, string Actor) : Command;

/// <summary>Moves an account to a team (null or blank: no team).</summary>
public sealed record SetTeam(int AccountId, string? Team, string Actor) : Command
{
    public const int MaxTeamLength = 64;
}
