namespace CampTrading.Core.Market;

public enum SessionState : byte { Closed = 0, Open = 1, Halted = 2 }

/// <summary>An admin override of the schedule; it wins until cleared (set back to <see cref="None"/>).</summary>
public enum MarketOverride : byte { None = 0, ForceOpen = 1, ForceClose = 2, Halt = 3 }

/// <summary>One open interval of the schedule, as instants (shown in the camp's time zone).</summary>
public sealed record SessionInterval(DateTimeOffset Start, DateTimeOffset End);
