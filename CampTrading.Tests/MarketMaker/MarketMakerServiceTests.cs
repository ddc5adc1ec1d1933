using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.MarketMaker;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Tests.Support;
using CampTrading.Tests.TradingApi;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.MarketMaker;
using CampTrading.Web.Exchange;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampTrading.Tests.MarketMaker;

/// <summary>
/// The house market maker in the whole app on a real database: the market open, the IPO ask withdrawn, the house funded
/// by staff grants, its background service quoting through ordinary engine commands. Waits are for conditions, never times.
/// </summary>
public sealed class MarketMakerServiceTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TradingApiHost _host = null!;
    private MarketMakerService _maker = null!;
    private int _camp;
    private int _house;

    private MarketReadModel Market => _host.Exchange.Market;

    public async Task InitializeAsync()
    {
        _host = await TradingApiHost.StartAsync(postgres);
        _maker = _host.Services.GetRequiredService<MarketMakerService>();
        _camp = Market.Instrument("CAMP")!.Id;
        Assert.True((await _host.Exchange.SubmitAsync(new WithdrawIpo(_camp))).IsOk); // the house alone makes this market
    }

    private bool _stopped;

    public async Task DisposeAsync()
    {
        if (!_stopped) await _host.DisposeAsync();
    }

    private static MakerSettings Settings(int instrument) => new()
    {
        InstrumentId = instrument, SpreadTicks = 2, SizePerLevel = 10, Levels = 2, RefreshSeconds = 1, MaxShares = 1_000, MinShares = 0, DailyLossLimit = 100_000,
    };

    private async Task StartQuotingAsync(MakerSettings settings, long points = 100_000, long shares = 100)
    {
        var record = await _maker.SaveSettingsAsync(settings, "test-admin");
        _house = record.HouseAccountId!.Value;
        Assert.True((await _maker.FundAsync(Assets.Points, points, "test-admin")).Result.IsOk);
        Assert.True((await _maker.FundAsync(_camp, shares, "test-admin")).Result.IsOk);
        await _maker.ResumeAsync("test-admin");
    }

    private IReadOnlyList<OpenOrderItem> HouseQuotes() => Market.OpenOrders(_house);

    /// <summary>Stops the app and starts a new one on the same database; returns it once the engine has replayed.</summary>
    private async Task<CampAppFactory> RestartAsync()
    {
        var connectionString = _host.Services.GetRequiredService<IConfiguration>().GetConnectionString("CampTrading")!;
        await _host.DisposeAsync();
        _stopped = true;
        var again = new CampAppFactory(connectionString);
        using (again.CreateClient()) { }
        var exchange = again.Services.GetRequiredService<ExchangeService>();
        await EventuallyAsync(() => exchange.IsReady, "the engine replayed");
        return again;
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_feed_priced_instrument_is_refused_as_the_makers_stock_and_never_quoted()
    {
        var terms = new FeedTerms(1000, 10, 5, 20, 1000, 2000, 3600);
        var listed = await _host.Exchange.SubmitAsync(ListFeedInstrument.Of("BTC", "Bitcoin", terms,
            new FeedSourceSettings("binance", "BTCUSDT", "ws://127.0.0.1:9"), "staff")); // a source that never answers: the test sets the price
        Assert.True(listed.IsOk);
        var btc = (int)listed.Id;
        Assert.True((await _host.Exchange.SubmitAsync(new FeedPrice(btc, 90_000, DateTimeOffset.UtcNow.UtcTicks))).IsOk);
        await EventuallyAsync(() => Market.Instrument(btc)?.Feed is not null, "the read model lists BTC as a feed instrument");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => _maker.SaveSettingsAsync(Settings(btc), "test-admin"));
        Assert.Contains("feed-priced", refused.Message, StringComparison.Ordinal);
        Assert.False(MarketMakerService.QuotesOn(Market.Instrument(btc)));
        Assert.True(MarketMakerService.QuotesOn(Market.Instrument(_camp)));

        // Settings stored before the rule (read at the next start) still never make the house trade against the feed dealer.
        await StartQuotingAsync(Settings(_camp));
        await EventuallyAsync(() => HouseQuotes().Count == 4, "the house quotes CAMP");
        var store = _host.Services.GetRequiredService<MarketMakerStore>();
        await store.SaveAsync(await store.GetAsync() with { Settings = Settings(btc) }, "test-db");
        await using var again = await RestartAsync();
        var exchange = again.Services.GetRequiredService<ExchangeService>();
        var plan = await again.Services.GetRequiredService<MarketMakerService>().RunOnceAsync();
        Assert.NotEqual(MakerState.Quoting, plan!.State);
        Assert.Empty(plan.Place);
        await EventuallyAsync(() => exchange.Market.OpenOrders(_house).Count == 0, "the house withdraws its CAMP quotes and quotes nothing");
    }

    [Fact]
    public async Task The_house_keeps_a_two_sided_book_a_market_buy_fills_against_it_its_limits_stop_a_side_and_pause_cancels()
    {
        await StartQuotingAsync(Settings(_camp));

        // Within a refresh: bids 19/18 and asks 21/22 around the IPO price of 20, all from the house.
        await EventuallyAsync(() => HouseQuotes().Count == 4, "four house quotes");
        Assert.Equal([19L, 18L], HouseQuotes().Where(q => q.Side == Side.Buy).Select(q => q.Price).OrderDescending());
        Assert.Equal([21L, 22L], HouseQuotes().Where(q => q.Side == Side.Sell).Select(q => q.Price).Order());
        Assert.Equal(MakerState.Quoting, _maker.Status.State);
        var house = Market.Account(_house)!;
        Assert.Equal(AccountKind.House, house.Kind);

        // It found its own quotes in the engine: nothing to change, and a fresh instance (a restart) agrees.
        Assert.True((await _maker.RunOnceAsync())!.IsEmpty);
        var restarted = new MarketMakerService(_host.Exchange, _host.Services.GetRequiredService<MarketMakerStore>(),
            _host.Services.GetRequiredService<AuditLog>(), TimeProvider.System, NullLogger<MarketMakerService>.Instance);
        Assert.True((await restarted.RunOnceAsync())!.IsEmpty);

        // A student's market buy fills against the house's best ask.
        var alice = await _host.AddStudentAsync("A1", "Alice", 1_000);
        var bought = await _host.Exchange.SubmitAsync(new PlaceOrder(alice.AccountId, _camp, Side.Buy, OrderType.Market, 5));
        Assert.True(bought.IsOk, bought.Code.ToString());
        Assert.Equal(5, bought.Filled);
        Assert.Equal(21 * 5, bought.FilledValue);
        await EventuallyAsync(() => Market.Account(_house)?.SharesOf(_camp) == 95, "the house sold 5");
        // The last trade (21) is the new reference: the house requotes around it, bids 20/19 and asks 22/23.
        await EventuallyAsync(() => HouseQuotes().Count == 4 && HouseQuotes().Any(q => q is { Side: Side.Buy, Price: 20 }), "requoted around 21");

        // The leaderboard leaves the house out.
        var ranks = _host.Services.GetRequiredService<Leaderboard>().Current();
        Assert.DoesNotContain(ranks.Individuals, e => e.AccountId == _house);

        // At its maximum holding it stops bidding and keeps asking.
        await _maker.SaveSettingsAsync(Settings(_camp) with { MaxShares = 95 }, "test-admin");
        await EventuallyAsync(() => !HouseQuotes().Any(q => q.Side == Side.Buy) && HouseQuotes().Count(q => q.Side == Side.Sell) == 2, "bids withdrawn at the holding limit");

        // A staff pause cancels every quote.
        await _maker.PauseAsync("test-admin");
        await EventuallyAsync(() => HouseQuotes().Count == 0 && _maker.Status.State == MakerState.PausedByStaff, "quotes cancelled on pause");

        await _host.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task At_its_daily_loss_limit_it_cancels_its_quotes_pauses_itself_and_says_so_in_the_audit_log()
    {
        // 100 granted shares at 20 are the day's baseline; a loss of 50 points pauses it.
        await StartQuotingAsync(Settings(_camp) with { DailyLossLimit = 50 });
        await EventuallyAsync(() => HouseQuotes().Count == 4, "four house quotes");

        // Bob sells 10 into the house's bid at 19: the mark drops to 19, so its 110 shares lose 100 against the baseline.
        var bob = await _host.AddStudentAsync("B1", "Bob", 1);
        Assert.True((await _host.Exchange.SubmitAsync(new Grant(bob.AccountId, _camp, 10, "test", "test"))).IsOk);
        var sold = await _host.Exchange.SubmitAsync(new PlaceOrder(bob.AccountId, _camp, Side.Sell, OrderType.Market, 10));
        Assert.Equal(10, sold.Filled);

        await EventuallyAsync(() => _maker.Status.State == MakerState.PausedAtLimit && HouseQuotes().Count == 0, "paused at the loss limit");
        Assert.Equal(-100, _maker.Status.PnlToday.Total);
        Assert.True((await _maker.RecordAsync()).PausedAtLimit);

        // It stays paused (no new quotes) until staff resume it.
        Assert.Equal(MakerState.PausedAtLimit, (await _maker.RunOnceAsync())!.State);
        Assert.Empty(HouseQuotes());

        await using var cmd = _host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select count(*) from audit_log where action = 'market_maker.paused_at_limit' and actor = 'market-maker'");
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);

        await _host.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task After_a_restart_it_finds_its_quotes_in_the_replayed_engine_and_places_no_duplicates()
    {
        await StartQuotingAsync(Settings(_camp));
        await EventuallyAsync(() => HouseQuotes().Count == 4, "four house quotes");
        var before = HouseQuotes().Select(q => q.Id).Order().ToList();
        // The same database, a new process: the journal replays the house's orders, the stored row says it is quoting.
        await using var again = await RestartAsync();
        var exchange = again.Services.GetRequiredService<ExchangeService>();
        var maker = again.Services.GetRequiredService<MarketMakerService>();
        Assert.Equal(before, exchange.Market.OpenOrders(_house).Select(q => q.Id).Order());

        var plan = await maker.RunOnceAsync();
        Assert.Equal(MakerState.Quoting, plan!.State);
        Assert.True(plan.IsEmpty, $"cancel {plan.Cancel.Count}, place {plan.Place.Count}");
        Assert.Equal(before, exchange.Market.OpenOrders(_house).Select(q => q.Id).Order());
        Assert.Empty(await exchange.ReadEngineAsync(CampTrading.Core.Ledger.InvariantChecker.Check));
    }
}
