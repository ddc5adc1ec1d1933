namespace CampTrading.Web.StudentApp.Wallet;

/// <summary>Text of the wallet page: <c>IStringLocalizer&lt;WalletText&gt;</c>.</summary>
public sealed class WalletText;
