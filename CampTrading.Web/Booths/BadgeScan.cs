using CampTrading.Web.Roster;

namespace CampTrading.Web.Booths;

/// <summary>
/// What booth staff type or scan into the code field: the badge QR's URL (<c>…/login/ABCDEFGH</c>, see
/// <see cref="BadgeQrCodes.LoginUrl"/>) or the code printed under it (<c>ABCD-EFGH</c>, any case, spaces allowed).
/// </summary>
public static class BadgeScan
{
    private const string LoginSegment = "/login/";

    /// <summary>The registration code, or null when the text holds no well-formed code.</summary>
    public static string? RegistrationCode(string? scanned)
    {
        var text = scanned?.Trim() ?? "";
        var at = text.LastIndexOf(LoginSegment, StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            text = text[(at + LoginSegment.Length)..];
            var end = text.IndexOfAny(['?', '#', '/']);
            if (end >= 0) text = text[..end];
            text = Uri.UnescapeDataString(text);
        }
        var code = RegistrationCodes.Normalize(text);
        return RegistrationCodes.IsWellFormed(code) ? code : null;
    }
}
