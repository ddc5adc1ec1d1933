using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampTrading.Web.Feeds.Sources;

public static class FeedSourcesServiceCollectionExtensions
{
    /// <summary>
    /// The outside price sources: <see cref="IFeedSourceFactory"/> (kinds <c>binance</c> and <c>replay</c>), configured by the
    /// <c>Feeds:Binance</c> (<see cref="BinanceFeedOptions"/>) and <c>Feeds:Replay</c> (<see cref="ReplayFeedOptions"/>) sections.
    /// </summary>
    public static IServiceCollection AddFeedSources(this IServiceCollection services)
    {
        services.AddOptions<BinanceFeedOptions>()
            .BindConfiguration(BinanceFeedOptions.Section)
            .Validate(o => FeedSourceFactory.IsWebSocketUrl(o.BaseUrl, out _), "Feeds:Binance:BaseUrl must be an absolute ws:// or wss:// URL.")
            .Validate(o => o.MaxMessageBytes is >= 256 and <= 16 * 1024 * 1024, "Feeds:Binance:MaxMessageBytes must be between 256 and 16 MiB.")
            .Validate(o => o.InitialReconnectDelay > TimeSpan.Zero && o.MaxReconnectDelay >= o.InitialReconnectDelay,
                "Feeds:Binance reconnect delays must be positive, the maximum at least the initial one.")
            .Validate(o => o.ConnectTimeout > TimeSpan.Zero && o.IdleTimeout > TimeSpan.Zero && o.KeepAliveInterval > TimeSpan.Zero,
                "Feeds:Binance timeouts must be positive.")
            .ValidateOnStart();
        services.AddOptions<ReplayFeedOptions>().BindConfiguration(ReplayFeedOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFeedSourceFactory, FeedSourceFactory>();
        return services;
    }
}
