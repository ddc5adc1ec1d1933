namespace CampTrading.Web.Roster;

public enum StudentActionKind { Freeze, Unfreeze, Disable, Enable, ResetLogin, Grant, RecordDebt, ClearDebt }

/// <summary>One action a staff member asked for on the student detail page, after the form checked it and they confirmed it.</summary>
public sealed record StudentAction(StudentActionKind Kind, long Amount = 0, string Reason = "");
