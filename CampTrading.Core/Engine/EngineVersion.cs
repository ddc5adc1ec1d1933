namespace CampTrading.Core.Engine;

/// <summary>
/// The version of the engine's rules, recorded with every journal entry. Raise it whenever the same journaled
/// command would now be applied differently; the golden journal test (GoldenJournalTests) then fails and shows
/// that replaying yesterday's journals needs the old rules kept for old entries.
/// </summary>
public static class EngineVersion
{
    public const int Current = 1;
}
