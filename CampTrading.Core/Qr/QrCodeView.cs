namespace CampTrading.Core.Engine;

/// <summary>A read-only copy of one QR code for staff pages (taken on the engine thread).</summary>
public sealed record QrCodeView(
    long Id, string Code, long Value, int MaxUses, int Uses, DateTimeOffset? ExpiresAt, string Label,
    DateTimeOffset CreatedAt, string CreatedBy, bool Voided)
{
    public int UsesLeft => Voided ? 0 : MaxUses - Uses;
}
