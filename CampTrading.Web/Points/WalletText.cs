namespace CampTrading.Web.Points;

/// <summary>Text of the wallet page: <c>IStringLocalizer&lt;WalletText&gt;</c>.</summary>
public sealed class WalletText;
