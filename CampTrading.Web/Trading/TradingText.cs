namespace CampTrading.Web.Trading;

/// <summary>Texts of the trading page: <c>IStringLocalizer&lt;TradingText&gt;</c> over TradingText.resx (zh-TW) and TradingText.en.resx.</summary>
public sealed class TradingText;
