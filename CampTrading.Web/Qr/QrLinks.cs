namespace CampTrading.Web.Qr;

/// <summary>What a scanned QR holds: a bare code, or a link whose path is <c>/qr/{code}</c> on any host.</summary>
public static class QrLinks
{
    /// <summary>The code in <paramref name="scanned"/>, or null when it is a link to something else or blank.</summary>
    public static string? CodeFrom(string? scanned)
    {
        var text = scanned?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (!text.Contains("://", StringComparison.Ordinal)) return text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? text : null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var link)) return null;
        // Take the code from the path's end, so the app behind a path prefix or another host still works.
        var segments = link.AbsolutePath.Trim('/').Split('/');
        return segments.Length >= 2 && segments[^2].Equals("qr", StringComparison.OrdinalIgnoreCase) && segments[^1].Length > 0
            ? Uri.UnescapeDataString(segments[^1])
            : null;
    }
}
