using System.ComponentModel.DataAnnotations;

namespace CampTrading.Web.Booths;

/// <summary>Settings of community booths (section <c>Booths</c>).</summary>
public sealed class BoothOptions
{
    public const string Section = "Booths";

    /// <summary>PBKDF2-SHA256 iterations for new secret hashes (existing hashes keep the count stored in them).</summary>
    [Range(1_000, 10_000_000)]
    public int Pbkdf2Iterations { get; set; } = 210_000;

    [Range(8, 128)]
    public int MinSecretLength { get; set; } = 8;

    /// <summary>Wrong booth secrets one client (address) may type per window, across all booths, before it must wait.</summary>
    [Range(1, 1_000)]
    public int WrongSecretsPerWindow { get; set; } = 10;

    public TimeSpan WrongSecretWindow { get; set; } = TimeSpan.FromMinutes(1);
}
