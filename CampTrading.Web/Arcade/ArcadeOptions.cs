using System.ComponentModel.DataAnnotations;

namespace CampTrading.Web.Arcade;

/// <summary>Settings of the arcade machine API (section <c>Arcade</c>).</summary>
public sealed class ArcadeOptions
{
    public const string Section = "Arcade";

    /// <summary>Requests one machine key (or, without a key, one address) may make per window; more are answered 429.</summary>
    [Range(1, 100_000)]
    public int RequestsPerWindow { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
