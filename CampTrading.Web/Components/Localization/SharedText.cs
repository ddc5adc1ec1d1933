namespace CampTrading.Web.Components.Localization;

/// <summary>Words every student page uses (points, shares, confirm…): <c>IStringLocalizer&lt;SharedText&gt;</c>.</summary>
public sealed class SharedText;
