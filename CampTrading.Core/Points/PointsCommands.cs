using CampTrading.Core.Accounts;

namespace CampTrading.Core.Engine;

/// <summary>Student to student; the fee (see TransferFee) goes to the fees account.</summary>
public sealed record Transfer(int FromAccountId, int ToAccountId, long Amount, string? Memo = null) : Command;

/// <summary>Gives (positive) or takes (negative) points to every student of a team, or everyone when Team is null.</summary>
public sealed record GrantToGroup(string? Team, long Amount, string Reason, string Actor) : Command;

/// <summary>Records a fine: the account owes it and cannot spend until it is repaid.</summary>
public sealed record RecordDebt(int AccountId, long Amount, string Reason, string Actor) : Command;

/// <summary>Forgives whatever the account still owes.</summary>
public sealed record ClearDebt(int AccountId, string Reason, string Actor) : Command;

public sealed record SetRestrictions(int AccountId, AccountRestrictions Restrictions, string Actor) : Command;

public sealed record SetTeam(int AccountId, string? Team, string Actor) : Command;
