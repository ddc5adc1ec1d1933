namespace CampTrading.Web.Board;

/// <summary>Texts of the projector board: <c>IStringLocalizer&lt;BoardText&gt;</c> over BoardText.resx (zh-TW) and BoardText.en.resx.</summary>
public sealed class BoardText;
