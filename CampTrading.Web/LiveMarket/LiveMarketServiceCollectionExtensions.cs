namespace CampTrading.Web.LiveMarket;

public static class LiveMarketServiceCollectionExtensions
{
    /// <summary>The hub that draws the shared market once per frame for every page (docs/decisions/0043).</summary>
    public static WebApplicationBuilder AddLiveMarketServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BoardFrame>();
        builder.Services.AddSingleton<LiveMarketHub>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveMarketHub>());
        return builder;
    }
}
