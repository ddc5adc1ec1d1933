namespace CampTrading.Web.TradingApi;

/// <summary>Text of the API tokens page: <c>IStringLocalizer&lt;ApiTokenText&gt;</c>.</summary>
public sealed class ApiTokenText;
