namespace CampTrading.Core.Engine;

/// <summary>A batch of codes (random strings made outside the engine) worth Value points, each usable MaxUses times (once per account).</summary>
public sealed record CreateQrCodes(IReadOnlyList<string> Codes, long Value, int MaxUses, DateTimeOffset? ExpiresAt, string Label, string Actor) : Command;

public sealed record RedeemQr(int AccountId, string Code) : Command;

public sealed record VoidQr(string Code, string Actor) : Command;
