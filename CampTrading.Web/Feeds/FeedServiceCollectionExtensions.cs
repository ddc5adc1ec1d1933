namespace CampTrading.Web.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>The feed service that brings prices of feed instruments into the engine (sources come from the registered IFeedSourceFactory).</summary>
    public static WebApplicationBuilder AddFeedServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FeedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedService>());
        return builder;
    }
}
