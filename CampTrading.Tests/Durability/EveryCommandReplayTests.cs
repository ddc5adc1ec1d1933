using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Durability;

/// <summary>Every command type goes through the real journal and comes back identical after a restart.</summary>
public sealed class EveryCommandReplayTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    internal const int Alice = SystemAccounts.FirstUserAccount;
    private const int Bob = Alice + 1;
    private const int Carol = Alice + 2;

    /// <summary>One of every command type, meant to succeed throughout (also the sample commands of the text and fuzz tests).</summary>
    internal static IEnumerable<Command> Script(DateTimeOffset now) =>
    [
        new ListInstrument("CAMP", "Camp", 20, 1_000),
        new SetTradingRules(new TradingRules { BandPercent = 30, TransferFeeBasisPoints = 200 }, "admin"),
        new SetSchedule([new SessionInterval(now.AddDays(1), now.AddDays(1).AddHours(3))], "admin"),
        new SetMarketOverride(MarketOverride.ForceOpen, "admin"),
        new OpenAccount("alice", AccountKind.Student, "red"),
        new OpenAccount("bob", AccountKind.Student, "blue"),
        new OpenAccount("carol"),
        new SetTeam(Carol, "blue", "admin"),
        new Grant(Alice, Assets.Points, 10_000, "start", "admin"),
        new GrantToGroup("blue", 5_000, "start", "admin"),
        new Grant(Bob, 1, 50, "shares", "admin"),
        new PlaceOrder(Alice, 1, Side.Buy, OrderType.Limit, 10, 20),
        new PlaceOrder(Bob, 1, Side.Sell, OrderType.Limit, 20, 22),
        new CancelOrder(Bob, 3),
        new PlaceOrder(Carol, 1, Side.Buy, OrderType.Market, 5),
        new WithdrawIpo(1),
        new SetIpoOffer(1, 25, 2_000, "admin"),
        new Transfer(Alice, Bob, 300, "lunch"),
        new Transfer(Alice, Bob, 25) { RequestKey = "tg-transfer-1" },
        new Transfer(Alice, Bob, 25) { RequestKey = "tg-transfer-1" }, // a repeat: answered, not acted on
        new RecordDebt(Carol, 50_000, "fine", "admin"),
        new ClearDebt(Carol, "forgiven", "admin"),
        new SetRestrictions(Bob, AccountRestrictions.Frozen, "admin"),
        new SetRestrictions(Bob, AccountRestrictions.None, "admin"),
        new CreateQrCodes(["WELCOME2026", "HUNT42"], 100, 2, now.AddHours(1), "treasure hunt", "staff"),
        new RedeemQr(Alice, "WELCOME2026"),
        new VoidQr("HUNT42", "staff"),
        new CreateBooth("Rust Taiwan", "pbkdf2-hash", "staff"),
        new ResetBoothSecret(1, "new-hash", "staff"),
        new AwardBooth(1, Bob, "booth staff"),
        new RegisterArcadeMachine("pinball", "sha256-hash", "staff"),
        new ArcadeTransaction(1, "tx-1", Alice, -20, "pinball"),
        new ArcadeTransaction(1, "tx-1", Alice, -20, "pinball"),
        new ArcadeTransaction(1, "tx-2", Alice, 50, "pinball"),
        new RevokeArcadeMachine(1, "staff"),
        new CreateDuel(Alice, Bob, 100, DuelGame.RockPaperScissors),
        new AcceptDuel(1, Bob, 7),
        new ChooseDuel(1, Alice, DuelChoice.Rock),
        new ChooseDuel(1, Bob, DuelChoice.Scissors),
        new CreateDuel(Bob, null, 50, DuelGame.CoinFlip),
        new CancelDuel(2, Bob),
        new CreateDuel(Alice, null, 10, DuelGame.CoinFlip, TimeSpan.FromMinutes(1)),
        new Tick(),
        new CreateDuel(Bob, null, 5, DuelGame.CoinFlip) { RequestKey = "tg-duel-1" },
        new CreateDuel(Bob, null, 5, DuelGame.CoinFlip) { RequestKey = "tg-duel-1" },
        new PlaceOrder(Alice, 1, Side.Buy, OrderType.Limit, 1, 18) { RequestKey = "tg-order-1" },
        new PlaceOrder(Alice, 1, Side.Buy, OrderType.Limit, 1, 18) { RequestKey = "tg-order-1" },
        new ListFeedInstrument("BTC", "Bitcoin", new FeedTerms(1000, 10, 5, 20, 1000, 2000, 600), "replay", "BTCUSDT", "/data/btc.jsonl", 10, 1, "admin"),
        new FeedPrice(2, 90_000, now.UtcTicks),
        new PlaceOrder(Alice, 2, Side.Buy, OrderType.Market, 5),
        new PlaceOrder(Alice, 2, Side.Sell, OrderType.Limit, 5, 95_000),
        new ConfigureFeedInstrument(2, new FeedTerms(1000, 20, 5, 20, 1000, 2000, 600), "replay", "BTCUSDT", "/data/btc.jsonl", 20, 1, "admin"),
        new SetFeedControl(2, FeedControl.Pause, "admin"),
        new Settle(SettlementPriceMode.LastPrice, null, "admin"),
    ];

    [Fact]
    public async Task Every_command_type_is_journaled_and_replays_to_the_same_state()
    {
        var connection = await postgres.CreateDatabaseAsync("every");
        var script = Script(DateTimeOffset.UtcNow).ToList();
        var covered = script.Select(c => c.GetType()).ToHashSet();
        var all = typeof(Command).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Command)) && !t.IsAbstract);
        Assert.Empty(all.Where(t => !covered.Contains(t)).Select(t => t.Name));

        string before;
        var results = new List<CommandResult>();
        await using (var exchange = await DurableExchange.OpenAsync(connection))
        {
            await exchange.StartAsync();
            foreach (var command in script) results.Add(await exchange.SubmitAsync(command));
            before = await exchange.StateAsync();
        }
        var refused = script.Zip(results).Where(x => !x.Second.IsOk && x.First is not ArcadeTransaction).Select(x => $"{x.First.GetType().Name}: {x.Second.Code}");
        Assert.Empty(refused); // the script is meant to succeed throughout, so replay covers real effects

        await using var again = await DurableExchange.OpenAsync(connection);
        await again.StartAsync();
        Assert.Equal(before, await again.StateAsync());
        Assert.True(JsonDocument.Parse(before).RootElement.GetProperty("settled").GetBoolean());
    }

    [Fact]
    public void Every_command_type_round_trips_through_the_journal_format()
    {
        foreach (var command in Script(DateTimeOffset.UtcNow))
        {
            var json = CommandSerializer.Serialize(command);
            Assert.Equal(json, CommandSerializer.Serialize(CommandSerializer.Deserialize(json)));
        }
    }
}
