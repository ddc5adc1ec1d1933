using System.ComponentModel.DataAnnotations;

namespace CampTrading.Web.Feeds;

/// <summary>Settings of the feed service (section "Feeds"). Each instrument's source and scale are set by staff in the engine.</summary>
public sealed class FeedOptions
{
    public const string Section = "Feeds";

    /// <summary>At most one price per instrument is submitted per interval; the latest price wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First wait before restarting a source that ended or failed; doubles up to <see cref="MaxRestartDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the service looks for feed instruments added, changed, paused or removed by staff.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(1);
}
