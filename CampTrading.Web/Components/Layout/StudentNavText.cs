namespace CampTrading.Web.Components.Layout;

/// <summary>Labels of the student navigation: <c>IStringLocalizer&lt;StudentNavText&gt;</c>.</summary>
public sealed class StudentNavText;
