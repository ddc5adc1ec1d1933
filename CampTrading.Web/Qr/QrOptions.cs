using System.ComponentModel.DataAnnotations;
using CampTrading.Core.Engine;

namespace CampTrading.Web.Qr;

/// <summary>Settings of QR codes (section <c>Qr</c>).</summary>
public sealed class QrOptions
{
    public const string Section = "Qr";

    /// <summary>Characters per generated code; 12 over a 31-letter alphabet is about 59 bits, beyond guessing.</summary>
    [Range(8, 32)]
    public int CodeLength { get; set; } = 12;

    /// <summary>The most one code may be worth (the engine refuses more; never above its hard limit).</summary>
    [Range(1, CreateQrCodes.HardMaxValue)]
    public long MaxValue { get; set; } = CreateQrCodes.DefaultMaxValue;

    [Range(1, CreateQrCodes.MaxBatch)]
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>Failed redemptions an account may make per window before it must wait.</summary>
    [Range(1, 10_000)]
    public int FailuresPerWindow { get; set; } = 20;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);
}
