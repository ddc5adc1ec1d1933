namespace CampTrading.Web.Identity.Students;

/// <summary>A personal PIN: 4–8 digits, not one digit repeated, not a run like 1234 or 9876.</summary>
public static class PinRules
{
    public const int MinLength = 4;
    public const int MaxLength = 8;

    /// <summary>Null when acceptable, else why not (zh + en).</summary>
    public static string? Check(string? pin)
    {
        if (string.IsNullOrEmpty(pin) || pin.Length < MinLength || pin.Length > MaxLength || !pin.All(char.IsAsciiDigit))
            return $"PIN 須為 {MinLength}–{MaxLength} 位數字。A PIN is {MinLength}–{MaxLength} digits.";
        if (pin.All(c => c == pin[0]))
            return "PIN 不可全部相同。A PIN must not repeat one digit.";
        var steps = pin.Zip(pin.Skip(1), (a, b) => (b - a + 10) % 10).Distinct().ToList();
        if (steps is [1] or [9])
            return "PIN 不可為連續數字。A PIN must not be a run such as 1234.";
        return null;
    }
}
