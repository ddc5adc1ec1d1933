namespace CampTrading.Web.MarketMaker;

public static class MarketMakerServiceCollectionExtensions
{
    /// <summary>The house market maker: its stored settings and the background service that quotes (idle until staff set it up).</summary>
    public static WebApplicationBuilder AddMarketMakerServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarketMakerStore>();
        builder.Services.AddSingleton<MarketMakerService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MarketMakerService>());
        return builder;
    }
}
