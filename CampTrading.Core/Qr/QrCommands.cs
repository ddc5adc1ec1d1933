namespace CampTrading.Core.Engine;

/// <summary>
/// A batch of codes (random strings made outside the engine) worth Value points, each usable MaxUses times
/// (once per account). Value must lie in 1..MaxValue; MaxValue defaults to <see cref="DefaultMaxValue"/> and
/// may be raised by configuration up to <see cref="HardMaxValue"/>, so a typo cannot print a fortune.
/// </summary>
public sealed record CreateQrCodes(
    IReadOnlyList<string> Codes, long Value, int MaxUses, DateTimeOffset? ExpiresAt, string Label, string Actor,
    long MaxValue = CreateQrCodes.DefaultMaxValue) : Command
{
    public const long DefaultMaxValue = 1_000;
    public const long HardMaxValue = 1_000_000;
    public const int MaxBatch = 10_000;
    public const int MaxUsesLimit = 100_000;
    public const int MinCodeLength = 6;
    public const int MaxCodeLength = 64;
    public const int MaxLabelLength = 100;
}

/// <summary>Redeems a code for an account: the value comes from the code's record, never from the caller.</summary>
public sealed record RedeemQr(int AccountId, string Code) : Command;

/// <summary>Makes a code's remaining uses unusable.</summary>
public sealed record VoidQr(string Code, string Actor) : Command;
