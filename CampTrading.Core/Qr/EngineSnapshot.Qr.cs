namespace CampTrading.Core.Engine;

public sealed partial record EngineSnapshot
{
    /// <summary>Every QR code ever created, by id.</summary>
    public IReadOnlyList<QrCodeState> QrCodes { get; init; } = [];

    /// <summary>One QR code; RedeemedBy lists the accounts that used it, in order (its use count).</summary>
    public sealed record QrCodeState(
        long Id, string Code, long Value, int MaxUses, long? ExpiresAt, string Label, long CreatedAt, string CreatedBy,
        bool Voided, int[] RedeemedBy);
}
