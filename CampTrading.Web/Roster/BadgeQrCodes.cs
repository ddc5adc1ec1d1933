using QRCoder;

namespace CampTrading.Web.Roster;

/// <summary>
/// The QR code on a badge: <c>{Camp:PublicBaseUrl}/login/{code}</c> (the sign-in page with the code filled in),
/// as a PNG data URI. Without <c>Camp:PublicBaseUrl</c> the address the page was requested on is used.
/// </summary>
public sealed class BadgeQrCodes(IConfiguration configuration)
{
    public string? ConfiguredBaseUrl => configuration["Camp:PublicBaseUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : null;

    /// <summary>The configured public address, else <paramref name="requestBaseUri"/> (e.g. NavigationManager.BaseUri).</summary>
    public string BaseUrl(string requestBaseUri) => ConfiguredBaseUrl ?? requestBaseUri.TrimEnd('/');

    public static string LoginUrl(string baseUrl, string code) => $"{baseUrl}/login/{Uri.EscapeDataString(code)}";

    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
