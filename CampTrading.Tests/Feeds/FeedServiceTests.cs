using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.Ledger;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Tests.Support;
using CampTrading.Web.Exchange;
using CampTrading.Web.Feeds;
using CampTrading.Web.Feeds.Sources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CampTrading.Tests.Feeds;

/// <summary>
/// The feed service in the whole app on a real database, fed by a channel source the test writes to: prices flow into the
/// engine as journaled commands, a market buy fills at the feed price, silence halts the instrument, a new price resumes it, a
/// dropped source is restarted. Waits are for conditions, never times.
/// </summary>
public sealed class FeedServiceTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ChannelFeedSources _sources = new();
    private CampAppFactory _app = null!;

    private ExchangeService Exchange => _app.Services.GetRequiredService<ExchangeService>();
    private MarketReadModel Market => Exchange.Market;

    public async Task InitializeAsync()
    {
        _app = await CampAppFactory.StartAsync(postgres, configure: b =>
        {
            b.UseSetting("Feeds:RescanInterval", "00:00:00.100");
            b.UseSetting("Feeds:MinInterval", "00:00:00.050");
            b.UseSetting("Feeds:RestartDelay", "00:00:00.050");
            b.ConfigureTestServices(services => services.AddSingleton<IFeedSourceFactory>(_sources));
        });
        Assert.True((await Exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"))).IsOk);
        await EventuallyAsync(() => Market.Status.Session == SessionState.Open, "the market open");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Prices_flow_in_a_market_buy_fills_at_the_feed_price_silence_halts_and_a_new_price_resumes()
    {
        // 1 BTC = 1000 units, 10 bps fee (min 5), 20 bps spread, stale after 2 s; one point per USDT.
        var terms = new FeedTerms(1000, 10, 5, 20, 1000, 2000, 2);
        var btc = (int)(await Exchange.SubmitAsync(ListFeedInstrument.Of("BTC", "Bitcoin", terms, new FeedSourceSettings("channel", "BTCUSDT"), "staff"))).Id;
        var alice = (int)(await Exchange.SubmitAsync(new OpenAccount("alice"))).Id;
        Assert.True((await Exchange.SubmitAsync(new Grant(alice, Assets.Points, 100_000, "start", "staff"))).IsOk);

        _sources.Write("BTCUSDT", 89_999.6m); // rounds to 90,000 points
        await EventuallyAsync(() => Market.Instrument(btc)?.Feed is { Status: FeedStatus.Live, Price: 90_000 }, "the first price");

        // At the ask 90,090: ⌈450.45⌉ = 451 plus the minimum fee 5.
        var bought = await Exchange.SubmitAsync(new PlaceOrder(alice, btc, Side.Buy, OrderType.Market, 5));
        Assert.Equal((RejectCode.None, OrderStatus.Filled, 451L), (bought.Code, bought.Status, bought.FilledValue));

        // Silence: the sequencer's tick at the stale time halts it; orders are refused; the next price resumes.
        await EventuallyAsync(() => Market.Instrument(btc)!.Feed!.Status == FeedStatus.Stale, "the stale halt");
        Assert.Equal(RejectCode.FeedStale, (await Exchange.SubmitAsync(new PlaceOrder(alice, btc, Side.Buy, OrderType.Market, 5))).Code);
        _sources.Write("BTCUSDT", 91_000m);
        await EventuallyAsync(() => Market.Instrument(btc)!.Feed is { Status: FeedStatus.Live, Price: 91_000 }, "the resumption");
        Assert.True((await Exchange.SubmitAsync(new PlaceOrder(alice, btc, Side.Sell, OrderType.Market, 5))).IsOk);

        // A burst: at most one price per interval goes in, and the latest wins.
        for (var p = 91_001; p <= 91_200; p++) _sources.Write("BTCUSDT", p);
        await EventuallyAsync(() => Market.Instrument(btc)!.Feed!.Price == 91_200, "the burst's last price");

        // A dropped source is read again.
        var created = _sources.Created;
        _sources.Break("BTCUSDT");
        await EventuallyAsync(() => _sources.Created > created, "the restart");
        _sources.Write("BTCUSDT", 92_000m);
        await EventuallyAsync(() => Market.Instrument(btc)!.Feed!.Price == 92_000, "a price after the restart");

        Assert.Empty(await Exchange.ReadEngineAsync(InvariantChecker.Check));
        // Every price that went in is in the query table (the charts' history), and the burst went in as a handful.
        await using var data = NpgsqlDataSource.Create(_app.ConnectionString);
        (long Count, long Max) stored = default;
        using (var timeout = new CancellationTokenSource(Patience))
        {
            while (stored.Max != 92_000 && !timeout.IsCancellationRequested)
            {
                await using var command = data.CreateCommand("select count(*), coalesce(max(price), 0) from feed_prices where instrument_id = $1");
                command.Parameters.AddWithValue(btc);
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                stored = (reader.GetInt64(0), reader.GetInt64(1));
                if (stored.Max != 92_000) await Task.Delay(50);
            }
        }
        Assert.Equal(92_000, stored.Max);
        Assert.InRange(stored.Count, 4, 60); // 203 prices written, throttled to one per 50 ms
    }
}
