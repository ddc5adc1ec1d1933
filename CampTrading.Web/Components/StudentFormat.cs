using System.Globalization;
using CampTrading.Web.Trading;

namespace CampTrading.Web.Components;

/// <summary>How student pages show gains and losses (Taiwanese colours: red up, green down), averages and countdowns.</summary>
public static class StudentFormat
{
    public static string CssClass(long value) => value > 0 ? "gain" : value < 0 ? "loss" : "flat";

    public static string WithSign(long value) => CampFormat.WithSign(value);

    /// <summary>An average price with at most two decimals: 20, 20.5, 19.33.</summary>
    public static string Average(decimal? value) =>
        value is decimal v ? v.ToString("#,0.##", CampFormat.Culture) : "–";

    /// <summary>Gain against cost in percent with one decimal, or empty when nothing was paid.</summary>
    public static string Percent(long pnl, long cost) =>
        cost <= 0 ? "" : (pnl > 0 ? "+" : pnl < 0 ? "−" : "") + (Math.Abs(pnl) * 100m / cost).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Time left as 1:02:03 (or 02:03 under an hour); never negative (the engine's tick may land a moment late).</summary>
    public static string Countdown(TimeSpan left)
    {
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        var hours = (long)left.TotalHours;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{left.Minutes:00}:{left.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{left.Minutes:00}:{left.Seconds:00}");
    }
}
