namespace CampTrading.Web.Qr;

/// <summary>Text of the QR redeem page: <c>IStringLocalizer&lt;QrText&gt;</c>.</summary>
public sealed class QrText;
