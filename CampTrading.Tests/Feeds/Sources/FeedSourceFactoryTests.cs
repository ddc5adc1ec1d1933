using CampTrading.Web.Feeds.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Feeds.Sources;

public sealed class FeedSourceFactoryTests
{
    private static FeedSourceFactory Factory(string baseUrl = "wss://stream.binance.com:9443", string? replayFolder = null) => new(
        Options.Create(new BinanceFeedOptions { BaseUrl = baseUrl }),
        Options.Create(new ReplayFeedOptions { Directory = replayFolder }),
        TimeProvider.System,
        NullLoggerFactory.Instance);

    [Fact]
    public void A_binance_spec_connects_to_the_configured_server_or_its_own_url()
    {
        var fromConfig = Assert.IsType<BinanceFeedSource>(Factory().Create(new FeedSourceSpec("binance", "btcusdt")));
        Assert.Equal(new Uri("wss://stream.binance.com:9443/ws/btcusdt@trade"), fromConfig.StreamUrl);

        var own = Assert.IsType<BinanceFeedSource>(Factory().Create(new FeedSourceSpec(" Binance ", "ETHUSDT", "ws://127.0.0.1:9000")));
        Assert.Equal(new Uri("ws://127.0.0.1:9000/ws/ethusdt@trade"), own.StreamUrl);
    }

    [Fact]
    public void A_replay_spec_without_a_file_plays_the_bundled_sample()
    {
        var replay = Assert.IsType<ReplayFeedSource>(Factory().Create(new FeedSourceSpec("replay", "BTCUSDT", Speed: 60)));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, ReplayFeedSource.BundledSample), replay.Path);
        Assert.Equal(60, replay.Speed);
        Assert.True(File.Exists(replay.Path));
    }

    [Fact]
    public void A_relative_recording_is_found_in_the_configured_folder()
    {
        var folder = Directory.CreateTempSubdirectory("feed-factory-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "day1.jsonl"), "");
            var replay = Assert.IsType<ReplayFeedSource>(Factory(replayFolder: folder).Create(new FeedSourceSpec("replay", "BTCUSDT", "day1.jsonl", 0)));
            Assert.Equal(Path.Combine(folder, "day1.jsonl"), replay.Path);
            Assert.Equal(0, replay.Speed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("coinbase", "BTCUSDT", null, 1.0, FeedSpecError.UnknownKind)]
    [InlineData("", "BTCUSDT", null, 1.0, FeedSpecError.UnknownKind)]
    [InlineData("binance", "B", null, 1.0, FeedSpecError.BadSymbol)]
    [InlineData("binance", "BTC-USDT", null, 1.0, FeedSpecError.BadSymbol)]
    [InlineData("binance", "BTCUSDTBTCUSDTBTCUSDT", null, 1.0, FeedSpecError.BadSymbol)]
    [InlineData("binance", "", null, 1.0, FeedSpecError.BadSymbol)]
    [InlineData("binance", "BTC USDT", null, 1.0, FeedSpecError.BadSymbol)]
    [InlineData("binance", "BTCUSDT", "https://stream.binance.com", 1.0, FeedSpecError.BadUrl)]
    [InlineData("binance", "BTCUSDT", "stream.binance.com:9443", 1.0, FeedSpecError.BadUrl)]
    [InlineData("binance", "BTCUSDT", "/ws/btcusdt@trade", 1.0, FeedSpecError.BadUrl)]
    [InlineData("binance", "BTCUSDT", "wss://user:secret@stream.binance.com", 1.0, FeedSpecError.BadUrl)]
    [InlineData("binance", "BTCUSDT", "wss://stream.binance.com/#x", 1.0, FeedSpecError.BadUrl)]
    [InlineData("replay", "BTCUSDT", "no-such-recording.jsonl", 1.0, FeedSpecError.FileNotFound)]
    [InlineData("replay", "BTCUSDT", ".", 1.0, FeedSpecError.FileNotFound)] // a folder
    [InlineData("replay", "BTCUSDT", "bad\0name", 1.0, FeedSpecError.FileNotFound)]
    [InlineData("replay", "BTCUSDT", null, -1.0, FeedSpecError.BadSpeed)]
    [InlineData("replay", "BTCUSDT", null, 0.001, FeedSpecError.BadSpeed)]
    [InlineData("replay", "BTCUSDT", null, 1000.5, FeedSpecError.BadSpeed)]
    [InlineData("replay", "BTCUSDT", null, double.NaN, FeedSpecError.BadSpeed)]
    [InlineData("replay", "BTCUSDT", null, double.PositiveInfinity, FeedSpecError.BadSpeed)]
    public void Invalid_specs_are_refused_with_a_stable_code(string kind, string symbol, string? location, double speed, FeedSpecError code)
    {
        var spec = new FeedSourceSpec(kind, symbol, location, speed);
        var refused = Assert.Throws<FeedSourceSpecException>(() => Factory().Create(spec));
        Assert.Equal(code, refused.Code);
        Assert.IsAssignableFrom<ArgumentException>(refused);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Equal(code, Factory().Check(spec)?.Code);
    }

    [Fact]
    public void A_live_spec_ignores_the_speed() =>
        Assert.Null(Factory().Check(new FeedSourceSpec("binance", "BTCUSDT", Speed: double.NaN)));

    [Fact]
    public void AddFeedSources_registers_the_factory_with_the_configured_base_url()
    {
        using var provider = Services(new() { ["Feeds:Binance:BaseUrl"] = "ws://127.0.0.1:18443", ["Feeds:Binance:Stream"] = "kline_1m" });
        var source = Assert.IsType<BinanceFeedSource>(provider.GetRequiredService<IFeedSourceFactory>().Create(new FeedSourceSpec("binance", "BTCUSDT")));
        Assert.Equal(new Uri("ws://127.0.0.1:18443/ws/btcusdt@kline_1m"), source.StreamUrl);
    }

    [Fact]
    public void A_configured_base_url_that_is_not_a_websocket_url_is_refused()
    {
        using var provider = Services(new() { ["Feeds:Binance:BaseUrl"] = "https://api.binance.com" });
        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BinanceFeedOptions>>().Value);
        Assert.Contains("Feeds:Binance:BaseUrl", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_configuration_points_at_binance()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root, "CampTrading.Web", "appsettings.json")).Build();
        Assert.Equal("wss://stream.binance.com:9443", settings["Feeds:Binance:BaseUrl"]);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddFeedSources();
        return services.BuildServiceProvider();
    }
}
