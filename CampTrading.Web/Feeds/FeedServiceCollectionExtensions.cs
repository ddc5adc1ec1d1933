using CampTrading.Web.Feeds.Sources;

namespace CampTrading.Web.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>The feed service that brings prices of feed instruments into the engine, from the Binance and replay sources (Feeds/Sources).</summary>
    public static WebApplicationBuilder AddFeedServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddFeedSources();
        builder.Services.AddSingleton<FeedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedService>());
        return builder;
    }
}
