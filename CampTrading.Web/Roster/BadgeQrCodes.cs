using QRCoder;

namespace CampTrading.Web.Roster;

/// <summary>
/// The QR code on a badge: <c>{public address}/login/{code}</c> (the sign-in page with the code filled in), as a PNG
/// data URI. The public address comes from <see cref="Staff.PublicAddress.CampPublicAddress"/>, the one place it is read.
/// </summary>
public static class BadgeQrCodes
{
    public static string LoginUrl(string baseUrl, string code) => $"{baseUrl}/login/{Uri.EscapeDataString(code)}";

    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
