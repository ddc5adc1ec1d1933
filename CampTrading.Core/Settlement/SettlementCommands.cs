namespace CampTrading.Core.Engine;

public enum SettlementPriceMode : byte { LastPrice = 0, Fixed = 1 }

/// <summary>Ends the game: cancels all orders, converts holdings to points, stops trading for good.</summary>
public sealed record Settle(SettlementPriceMode Mode, IReadOnlyDictionary<int, long>? FixedPrices, string Actor) : Command;
