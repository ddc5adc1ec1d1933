using System.Globalization;
using CampTrading.Core.Engine;

namespace CampTrading.Web.Qr;

/// <summary>
/// The "create a batch" form of the staff QR page: how many codes, their value, uses, optional expiry (camp-local) and
/// label, with each field's rule against the configured limits. The engine checks again.
/// </summary>
public sealed class QrBatchRequest
{
    public int Count { get; set; } = 10;
    public long Value { get; set; } = 100;
    public bool MultiUse { get; set; }
    public int MaxUses { get; set; } = 2;
    public DateTime? ExpiresLocal { get; set; }
    public string Label { get; set; } = "";

    public int UsesPerCode => MultiUse ? MaxUses : 1;

    public string? CountError(int count, QrOptions limits) =>
        count < 1 || count > limits.MaxBatch ? $"張數須介於 1 到 {N(limits.MaxBatch)}。The count must be 1–{N(limits.MaxBatch)}." : null;

    public string? ValueError(long value, QrOptions limits) =>
        value < 1 || value > limits.MaxValue ? $"每張點數須介於 1 到 {N(limits.MaxValue)}。The points must be 1–{N(limits.MaxValue)}." : null;

    public string? MaxUsesError(int maxUses) =>
        MultiUse && (maxUses < 2 || maxUses > CreateQrCodes.MaxUsesLimit)
            ? $"每張人數須介於 2 到 {N(CreateQrCodes.MaxUsesLimit)}。Uses per code must be 2–{N(CreateQrCodes.MaxUsesLimit)}."
            : null;

    public static string? LabelError(string? label) =>
        (label ?? "").Trim().Length > CreateQrCodes.MaxLabelLength
            ? $"標籤最多 {CreateQrCodes.MaxLabelLength} 字。The label takes up to {CreateQrCodes.MaxLabelLength} characters."
            : null;

    /// <summary>The expiry as an instant (the typed time is camp-local), or null when none is set.</summary>
    public DateTimeOffset? ExpiresAt(TimeZoneInfo timeZone) => ExpiresLocal is { } local
        ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), timeZone), TimeSpan.Zero)
        : null;

    public string? ExpiresError(TimeZoneInfo timeZone, DateTimeOffset now) =>
        ExpiresAt(timeZone) is { } at && at <= now ? "到期時間必須在未來。The expiry must be in the future." : null;

    public IReadOnlyList<string> Errors(QrOptions limits, TimeZoneInfo timeZone, DateTimeOffset now) =>
        new[] { CountError(Count, limits), ValueError(Value, limits), MaxUsesError(MaxUses), LabelError(Label), ExpiresError(timeZone, now) }
            .OfType<string>().ToArray();

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
