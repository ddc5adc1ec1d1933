namespace CampTrading.Web.Components;

/// <summary>
/// Clocks and countdowns that move in the browser (<c>js/tickers.js</c>): the server draws the text as of the render and
/// these attributes, and the page advances the text each second. A component showing one therefore needs no timer and
/// no render per second per phone; it draws again only when what it counts to changes.
/// </summary>
public static class BrowserTicks
{
    /// <summary>A time of day in <paramref name="zone"/>, HH:mm:ss (a zone without an IANA name stays as drawn).</summary>
    public static IReadOnlyDictionary<string, object?> Clock(TimeZoneInfo zone, DateTimeOffset now) => new Dictionary<string, object?>(3)
    {
        ["data-tick"] = "clock",
        ["data-zone"] = IanaId(zone),
        ["data-now"] = now.ToUnixTimeMilliseconds(),
    };

    /// <summary>Time left to <paramref name="to"/>, h:mm:ss or mm:ss; <paramref name="roundUp"/> shows 00:00 only at the moment itself.</summary>
    public static IReadOnlyDictionary<string, object?> Countdown(DateTimeOffset to, DateTimeOffset now, bool roundUp = false) => new Dictionary<string, object?>(3)
    {
        ["data-tick"] = roundUp ? "countdown-up" : "countdown",
        ["data-to"] = to.ToUnixTimeMilliseconds(),
        ["data-now"] = now.ToUnixTimeMilliseconds(),
    };

    /// <summary>The zone's IANA name, which browsers understand (on Windows, zones carry Windows names), or null.</summary>
    public static string? IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id
        : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana
        : null;
}
