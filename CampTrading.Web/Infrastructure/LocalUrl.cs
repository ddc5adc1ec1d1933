namespace CampTrading.Web.Infrastructure;

/// <summary>
/// The app's one rule for where a <c>returnUrl</c> may send the browser: a path on this site. Accepted only when it starts
/// with "/" followed by a character other than "/" or "\", holds no backslash, no control character and no broken UTF-16
/// anywhere, and the same holds once percent-decoded (browsers drop tabs and newlines and read "\" as "/", so "/\t/evil"
/// and "/\evil" would leave the site). Anything else means home.
/// </summary>
public static class LocalUrl
{
    public const string Home = "/";
    private const int MaxLength = 2_048;

    public static bool IsLocal(string? url) =>
        url is { Length: > 1 and <= MaxLength } && IsSafe(url) && IsSafe(Decode(url));

    /// <summary><paramref name="url"/> when it is local, else <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback = Home) => IsLocal(url) ? url! : fallback;

    private static bool IsSafe(string? url)
    {
        if (url is null || url.Length < 2 || url[0] != '/' || url[1] is '/' or '\\') return false;
        foreach (var c in url)
            if (c == '\\' || char.IsControl(c)) return false;
        return IsWellFormedUtf16(url);
    }

    private static string? Decode(string url)
    {
        try
        {
            return Uri.UnescapeDataString(url);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
