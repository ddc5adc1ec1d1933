namespace CampTrading.Web.Duels;

/// <summary>Texts of the duels page: <c>IStringLocalizer&lt;DuelText&gt;</c> over DuelText.resx (zh-TW) and DuelText.en.resx.</summary>
public sealed class DuelText;
