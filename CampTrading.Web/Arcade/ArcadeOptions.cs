using System.ComponentModel.DataAnnotations;

namespace CampTrading.Web.Arcade;

/// <summary>Settings of the arcade machine API (section <c>Arcade</c>).</summary>
public sealed class ArcadeOptions
{
    public const string Section = "Arcade";

    /// <summary>Requests one machine (with its right key) may make per window; more are answered 429.</summary>
    [Range(1, 100_000)]
    public int RequestsPerWindow { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests with a missing, malformed, wrong or revoked key one client address may make per window (however many keys it tries).</summary>
    [Range(1, 100_000)]
    public int WrongKeysPerWindow { get; set; } = 10;

    /// <summary>The largest request body the API reads; larger ones are answered 413 before anything is parsed.</summary>
    [Range(1_024, 1_048_576)]
    public int MaxRequestBytes { get; set; } = 16 * 1024;
}
