namespace CampTrading.Web.TradingApi;

/// <summary>What the student filled in for a new token.</summary>
public sealed record ApiTokenDraft(string Name, ApiScopes Scopes, int? ExpiryDays);
