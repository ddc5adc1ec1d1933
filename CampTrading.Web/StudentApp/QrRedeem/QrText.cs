namespace CampTrading.Web.StudentApp.QrRedeem;

/// <summary>Text of the QR redeem page: <c>IStringLocalizer&lt;QrText&gt;</c>.</summary>
public sealed class QrText;
