namespace CampTrading.Core.Accounts;

public enum AccountKind : byte
{
    Student = 0,
    /// <summary>Named system accounts: the only ones allowed below zero, so every asset sums to zero.</summary>
    System = 1,
    /// <summary>A house account (market maker): trades like a student, never below zero.</summary>
    House = 2,
}

[Flags]
public enum AccountRestrictions : byte
{
    None = 0,
    Disabled = 1,
    Frozen = 2,
}
