namespace CampTrading.Web.Infrastructure;

/// <summary>
/// Text that may be stored or looked up in PostgreSQL as typed: no control characters (PostgreSQL refuses U+0000 in text)
/// and well-formed UTF-16 (no lone surrogate) that Unicode normalization accepts (it throws on noncharacters such as
/// U+FFFE, and Identity normalizes user names), within a length.
/// </summary>
public static class PlainText
{
    public static bool IsPlain(string? text, int maxLength = int.MaxValue)
    {
        if (text is null) return true;
        if (text.Length > maxLength) return false;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i])) return false;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        try
        {
            _ = text.IsNormalized();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
