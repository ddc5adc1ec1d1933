using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Ledger;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Durability;

public sealed class JournalRecoveryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Restart_replays_the_journal_to_the_identical_state()
    {
        var connection = await postgres.CreateDatabaseAsync("restart");
        string before;
        await using (var exchange = await DurableExchange.OpenAsync(connection))
        {
            await exchange.StartAsync();
            await RunMarketAsync(exchange, seed: 1, commands: 3_000);
            before = await exchange.StateAsync();
        }

        await using var again = await DurableExchange.OpenAsync(connection);
        await again.StartAsync();
        Assert.Equal(before, await again.StateAsync());
        Assert.Equal(0, again.Recovery!.SnapshotSeq);
        await again.Sequencer!.ReadAsync(e => { InvariantChecker.Assert(e); return 0; });
    }

    [Fact]
    public async Task Restart_from_a_snapshot_plus_journal_tail_gives_the_same_state_as_replay_alone()
    {
        var connection = await postgres.CreateDatabaseAsync("snapshot");
        string before;
        await using (var exchange = await DurableExchange.OpenAsync(connection))
        {
            await exchange.StartAsync(snapshotEvery: 1_000);
            await RunMarketAsync(exchange, seed: 2, commands: 2_500);
            await exchange.Snapshotter!.TakeAsync();
            Assert.True(exchange.Snapshotter.LastSnapshotSeq > 0, exchange.Snapshotter.LastError);
            await RunMarketAsync(exchange, seed: 3, commands: 500, setUp: false);
            before = await exchange.StateAsync();
        }

        await using var again = await DurableExchange.OpenAsync(connection);
        await again.StartAsync();
        Assert.True(again.Recovery!.SnapshotSeq > 0);
        Assert.True(again.Recovery.ReplayedCommands < again.Recovery.LastSeq);
        Assert.Equal(before, await again.StateAsync());
    }

    [Fact]
    public async Task Snapshots_after_the_first_follow_the_journal_in_memory_and_hold_the_live_state()
    {
        var connection = await postgres.CreateDatabaseAsync("follow");
        await using var exchange = await DurableExchange.OpenAsync(connection);
        var journal = new CountedReads(exchange.Journal);
        await exchange.StartAsync(snapshotEvery: 400, snapshotJournal: journal);
        await RunMarketAsync(exchange, seed: 5, commands: 2_400);
        await exchange.Snapshotter!.TakeAsync();

        var live = await exchange.Sequencer!.ReadAsync(e => (e.LastSeq, State: DurableExchange.StateJson(e)));
        Assert.Equal(live.LastSeq, exchange.Snapshotter.LastSnapshotSeq);
        Assert.True(journal.Reads == 1, $"the journal was read {journal.Reads} times: only the first snapshot replays it");
        var saved = await exchange.Snapshots.LoadLatestAsync(long.MaxValue, CancellationToken.None);
        Assert.Equal(live.LastSeq, saved!.Seq);
        Assert.Equal(live.State, DurableExchange.StateJson(ExchangeEngine.Restore(saved)));
        Assert.Null(exchange.Snapshotter.LastError);
    }

    [Fact]
    public async Task A_failed_save_keeps_the_copy_and_the_next_snapshot_does_not_read_the_journal_again()
    {
        var connection = await postgres.CreateDatabaseAsync("savefail");
        await using var exchange = await DurableExchange.OpenAsync(connection);
        var journal = new CountedReads(exchange.Journal);
        await exchange.StartAsync(snapshotJournal: journal, snapshotStore: new FirstSaveFails(exchange.Snapshots));
        await RunMarketAsync(exchange, seed: 6, commands: 800);
        await exchange.Snapshotter!.TakeAsync();
        Assert.Equal("disk full", exchange.Snapshotter.LastError);
        Assert.Equal(0, exchange.Snapshotter.LastSnapshotSeq);

        await RunMarketAsync(exchange, seed: 7, commands: 200, setUp: false);
        await exchange.Snapshotter.TakeAsync();

        Assert.Null(exchange.Snapshotter.LastError);
        var live = await exchange.Sequencer!.ReadAsync(e => (e.LastSeq, State: DurableExchange.StateJson(e)));
        Assert.Equal(live.LastSeq, exchange.Snapshotter.LastSnapshotSeq);
        Assert.Equal(1, journal.Reads);
        var saved = await exchange.Snapshots.LoadLatestAsync(long.MaxValue, CancellationToken.None);
        Assert.Equal(live.State, DurableExchange.StateJson(ExchangeEngine.Restore(saved!)));
    }

    private sealed class FirstSaveFails(ISnapshotStore inner) : ISnapshotStore
    {
        private int _saves;

        public Task<long> SaveAsync(EngineSnapshot snapshot, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _saves) == 1 ? throw new IOException("disk full") : inner.SaveAsync(snapshot, cancellationToken);

        public Task<EngineSnapshot?> LoadLatestAsync(long maxSeq, CancellationToken cancellationToken) => inner.LoadLatestAsync(maxSeq, cancellationToken);
    }

    /// <summary>A journal that counts how often it is read from the start of a replay.</summary>
    private sealed class CountedReads(IJournal inner) : IJournal
    {
        public int Reads;

        public Task AppendAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken) => inner.AppendAsync(batch, cancellationToken);

        public IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Reads);
            return inner.ReadAfterAsync(afterSeq, cancellationToken);
        }
    }

    [Fact]
    public async Task Acknowledged_results_match_what_replay_computes()
    {
        var connection = await postgres.CreateDatabaseAsync("acks");
        var acks = new List<(long Seq, CommandResult Result)>();
        await using (var exchange = await DurableExchange.OpenAsync(connection))
        {
            await exchange.StartAsync();
            await SetUpAsync(exchange);
            var random = new Random(4);
            for (var i = 0; i < 300; i++)
            {
                var ack = await exchange.Sequencer!.SubmitTrackedAsync(RandomOrder(random));
                acks.Add((ack.Seq, ack.Result));
            }
        }

        var replayed = new Dictionary<long, CommandResult>();
        var engine = new ExchangeEngine();
        await foreach (var entry in new Web.Exchange.PostgresJournal(Npgsql.NpgsqlDataSource.Create(connection)).ReadAfterAsync(0, default))
            replayed[entry.Seq] = engine.Apply(entry.Seq, entry.Time, entry.Command);
        foreach (var (seq, result) in acks) Assert.Equal(result, replayed[seq]);
    }

    internal static async Task SetUpAsync(DurableExchange exchange, int accounts = 20)
    {
        Assert.True((await exchange.SubmitAsync(new ListInstrument("CAMP", "Camp", 20, 10_000))).IsOk);
        await exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        for (var i = 0; i < accounts; i++)
        {
            var id = (int)(await exchange.SubmitAsync(new OpenAccount($"student{i}"))).Id;
            await exchange.SubmitAsync(new Grant(id, Assets.Points, 50_000, "start", "test"));
            await exchange.SubmitAsync(new Grant(id, 1, 500, "start", "test"));
        }
    }

    internal static PlaceOrder RandomOrder(Random random, int accounts = 20)
    {
        var account = SystemAccounts.FirstUserAccount + random.Next(accounts);
        var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
        return random.Next(10) == 0
            ? new PlaceOrder(account, 1, side, OrderType.Market, 1 + random.Next(20))
            : new PlaceOrder(account, 1, side, OrderType.Limit, 1 + random.Next(20), 16 + random.Next(9));
    }

    /// <summary>Concurrent submitters, so batches really group several commands.</summary>
    internal static async Task RunMarketAsync(DurableExchange exchange, int seed, int commands, bool setUp = true)
    {
        if (setUp) await SetUpAsync(exchange);
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed * 100 + w);
            for (var i = 0; i < commands / 8; i++)
            {
                Command command = random.Next(6) == 0
                    ? new CancelOrder(SystemAccounts.FirstUserAccount + random.Next(20), 1 + random.Next(commands))
                    : RandomOrder(random);
                await exchange.SubmitAsync(command);
            }
        }));
        await Task.WhenAll(workers);
    }
}
