using System.Globalization;

namespace CampTrading.Web.Feeds;

/// <summary>Decimal quantities of feed instruments ("0.005" BTC) to whole minor units and back, exactly.</summary>
public static class FeedQuantity
{
    /// <summary>
    /// Parses a plain decimal ("0.005", "1", "2.5"; invariant culture, no sign or exponent) into minor units. False when it is not
    /// such a number, has more decimals than the lot allows, or is too large.
    /// </summary>
    public static bool TryParse(string? text, long unitsPerWhole, out long units)
    {
        units = 0;
        var s = (text ?? "").Trim();
        if (s.Length is 0 or > 30 || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
        decimal scaled;
        try
        {
            scaled = value * unitsPerWhole;
        }
        catch (OverflowException)
        {
            return false;
        }
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue) return false;
        units = (long)scaled;
        return true;
    }

    /// <summary>Minor units per whole unit for a lot written as a decimal ("0.001" → 1000); null unless the lot is 1 or 0.1, 0.01, … 0.00000001.</summary>
    public static long? UnitsPerWholeOf(string? lot)
    {
        if (!decimal.TryParse((lot ?? "").Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0) return null;
        long units = 1;
        for (var d = 0; d <= Core.Feeds.FeedTerms.MaxDecimals; d++, units *= 10)
            if (value * units == 1) return units;
        return null;
    }

    /// <summary>Minor units as a decimal with exactly the lot's decimals: 5 of 1000 → "0.005".</summary>
    public static string Format(long units, long unitsPerWhole)
    {
        var decimals = 0;
        for (var u = unitsPerWhole; u > 1; u /= 10) decimals++;
        return ((decimal)units / unitsPerWhole).ToString("F" + decimals, CultureInfo.InvariantCulture);
    }
}
