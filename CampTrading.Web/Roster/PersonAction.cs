namespace CampTrading.Web.Roster;

public enum PersonActionKind { RecordDebt, ClearDebt, Freeze, Unfreeze }

/// <summary>One sanction a staff member asked for on the person actions form, after they confirmed it.</summary>
public sealed record PersonAction(PersonActionKind Kind, long Amount = 0, string Reason = "");
