namespace CampTrading.Web.Home;

/// <summary>Text of the home page: <c>IStringLocalizer&lt;HomeText&gt;</c>.</summary>
public sealed class HomeText;
