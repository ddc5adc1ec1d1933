namespace CampTrading.Core.Engine;

public enum SettlementPriceMode : byte
{
    /// <summary>Each instrument's mark price: the last trade, or the reference (IPO) price before any trade.</summary>
    LastPrice = 0,
    /// <summary>A price per instrument chosen by the admin (0 allowed: worthless); every listed instrument needs one.</summary>
    Fixed = 1,
}

/// <summary>
/// Ends the game: cancels all orders (the IPO ask too) and duels, converts every holding to points at the chosen
/// price, and stops trading and duels for good. The result's Filled is the shares converted, FilledValue the points paid.
/// </summary>
public sealed record Settle(SettlementPriceMode Mode, IReadOnlyDictionary<int, long>? FixedPrices, string Actor) : Command;
