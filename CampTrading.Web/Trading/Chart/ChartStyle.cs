namespace CampTrading.Web.Trading.Chart;

/// <summary>How the price chart draws: today's price as one line (the default, alive with a handful of trades) or candles.</summary>
public enum ChartStyle { Line, Candles }

/// <summary>The candle chart's time range.</summary>
public enum ChartRange { Day, Week, All }
