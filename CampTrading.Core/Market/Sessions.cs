namespace CampTrading.Core.Market;

/// <summary>
/// Where the market is. <see cref="PreOpen"/>: the last minutes before a scheduled open (<c>TradingRules.PreOpenMinutes</c>),
/// when orders are collected without matching and the open uncrosses them in one call auction.
/// </summary>
public enum SessionState : byte { Closed = 0, Open = 1, Halted = 2, PreOpen = 3 }

/// <summary>An admin override of the schedule; it wins until cleared (set back to <see cref="None"/>).</summary>
/// <see cref="PreOpen"/> starts the auction phase by hand (a camp that opens with the Open button rather than a schedule).
public enum MarketOverride : byte { None = 0, ForceOpen = 1, ForceClose = 2, Halt = 3, PreOpen = 4 }

/// <summary>One open interval of the schedule, as instants (shown in the camp's time zone).</summary>
public sealed record SessionInterval(DateTimeOffset Start, DateTimeOffset End);
