using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Tests.Durability;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Exchange;

namespace CampTrading.Tests.Leaderboards;

/// <summary>Per-account ledger history from the PostgreSQL query tables: filters and keyset paging, newest first.</summary>
public sealed class LedgerHistoryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void Every_ledger_kind_name_parses_back()
    {
        foreach (var kind in Enum.GetValues<LedgerKind>())
            Assert.Equal(kind, LedgerHistory.ParseKind(QueryTablePersister.LedgerKindName(kind)));
        Assert.Throws<FormatException>(() => LedgerHistory.ParseKind("nope"));
    }

    [Fact]
    public async Task A_grid_page_is_sorted_and_paged_in_sql_with_the_accounts_row_count()
    {
        var connection = await postgres.CreateDatabaseAsync("ledger_grid");
        await using var exchange = await DurableExchange.OpenAsync(connection);
        await exchange.StartAsync(withQueryTables: true);
        var alice = (int)(await exchange.SubmitAsync(new OpenAccount("alice"))).Id;
        var bob = (int)(await exchange.SubmitAsync(new OpenAccount("bob"))).Id;
        foreach (var amount in new long[] { 30, 10, 50, 20, 40 })
            Assert.True((await exchange.SubmitAsync(new Grant(alice, Assets.Points, amount, "prize", "staff"))).IsOk);
        Assert.True((await exchange.SubmitAsync(new Grant(bob, Assets.Points, 99, "prize", "staff"))).IsOk);
        await exchange.StopAsync(); // flushes the query tables

        var history = new LedgerHistory(exchange.DataSource);
        var newest = await history.GridPageAsync(new LedgerGridQuery(alice, 0, 2));
        Assert.Equal(5, newest.Total);
        Assert.Equal([40L, 20L], newest.Entries.Select(e => e.Amount));
        var last = await history.GridPageAsync(new LedgerGridQuery(alice, 4, 2));
        Assert.Equal([30L], last.Entries.Select(e => e.Amount));
        var oldest = await history.GridPageAsync(new LedgerGridQuery(alice, 0, 2, LedgerSortColumn.Time, Descending: false));
        Assert.Equal([30L, 10L], oldest.Entries.Select(e => e.Amount));
        var largest = await history.GridPageAsync(new LedgerGridQuery(alice, 1, 3, LedgerSortColumn.Amount));
        Assert.Equal([40L, 30L, 20L], largest.Entries.Select(e => e.Amount));
        Assert.Empty((await history.GridPageAsync(new LedgerGridQuery(alice, 10, 2))).Entries);
    }

    [Fact]
    public async Task A_page_carries_each_trades_detail_and_each_transfers_or_grants_note_and_the_notifier_finds_them_too()
    {
        var connection = await postgres.CreateDatabaseAsync("ledger_detail");
        await using var exchange = await DurableExchange.OpenAsync(connection);
        await exchange.StartAsync(withQueryTables: true);

        Task<CommandResult> Ok(Command command) => OkAsync(exchange, command);

        var camp = (int)(await Ok(new ListInstrument("CAMP", "Camp", 20, 1_000))).Id;
        var alice = (int)(await Ok(new OpenAccount("alice"))).Id;
        var bob = (int)(await Ok(new OpenAccount("bob"))).Id;
        await Ok(new SetMarketOverride(MarketOverride.ForceOpen, "admin"));
        await Ok(new Grant(alice, Assets.Points, 1_000, "早起獎勵", "staff"));
        await Ok(new Grant(bob, camp, 10, "start", "staff"));
        await Ok(new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 5, 19));
        await Ok(new PlaceOrder(bob, camp, Side.Sell, OrderType.Limit, 5, 19));
        await Ok(new Transfer(alice, bob, 30, "午餐錢"));
        await exchange.StopAsync(); // flushes the query tables

        var history = new LedgerHistory(exchange.DataSource);
        var alices = (await history.PageAsync(new LedgerQuery(alice, Asset: Assets.Points))).Entries;
        var bobs = (await history.PageAsync(new LedgerQuery(bob, Asset: Assets.Points))).Entries;

        var bought = Assert.Single(alices, e => e.Kind == LedgerKind.Trade);
        Assert.Equal(new LedgerTrade(camp, true, 5, 19), bought.Trade);
        Assert.Null(bought.Note);
        Assert.Equal(new LedgerTrade(camp, false, 5, 19), Assert.Single(bobs, e => e.Kind == LedgerKind.Trade).Trade);
        Assert.Equal("早起獎勵", Assert.Single(alices, e => e.Kind == LedgerKind.Grant).Note);
        Assert.Equal("午餐錢", Assert.Single(alices, e => e.Kind == LedgerKind.Transfer).Note);
        Assert.Equal("午餐錢", Assert.Single(bobs, e => e.Kind == LedgerKind.Transfer).Note);
        Assert.All(alices.Concat(bobs).Where(e => e.Kind != LedgerKind.Trade), e => Assert.Null(e.Trade));

        // The web notifier's reading: only what arrived (a sale's proceeds and fees are not "points received").
        var arrivals = new CampTrading.Web.Notifications.PostgresPointArrivals(exchange.DataSource, exchange.Persister!);
        var received = await arrivals.AfterAsync(bob, 0, 0);
        var transfer = Assert.Single(received);
        Assert.Equal((LedgerKind.Transfer, 30L, alice, "午餐錢"), (transfer.Kind, transfer.Amount, transfer.From, transfer.Note));
        Assert.Empty(await arrivals.AfterAsync(bob, await arrivals.CursorAsync(bob), 0));
    }

    [Fact]
    public async Task Pages_and_filters_an_accounts_ledger()
    {
        var connection = await postgres.CreateDatabaseAsync("ledger_history");
        await using var exchange = await DurableExchange.OpenAsync(connection);
        await exchange.StartAsync(withQueryTables: true);

        Task<CommandResult> Ok(Command command) => OkAsync(exchange, command);

        var camp = (int)(await Ok(new ListInstrument("CAMP", "Camp", 20, 1_000))).Id;
        var alice = (int)(await Ok(new OpenAccount("alice"))).Id;
        var bob = (int)(await Ok(new OpenAccount("bob"))).Id;
        await Ok(new SetMarketOverride(MarketOverride.ForceOpen, "admin"));
        for (var i = 1; i <= 7; i++) await Ok(new Grant(alice, Assets.Points, 100 * i, "prize", "staff"));
        await Ok(new Grant(bob, Assets.Points, 1_000, "prize", "staff"));
        await Ok(new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 10, 20));
        var duel = (await Ok(new CreateDuel(alice, bob, 150, DuelGame.CoinFlip))).Id;
        await Ok(new AcceptDuel(duel, bob, 2)); // even: the challenger wins
        await Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        var balances = await exchange.Sequencer!.ReadAsync(e => (e.FindAccount(alice)!.Balance(Assets.Points), e.FindAccount(alice)!.Balance(camp)));
        await exchange.StopAsync(); // flushes the query tables

        var history = new LedgerHistory(exchange.DataSource);
        var all = (await history.PageAsync(new LedgerQuery(alice, PageSize: LedgerQuery.MaxPageSize))).Entries;

        // 7 grants, trade points + shares, duel win, settlement shares + points.
        Assert.Equal(12, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Id > p.Second.Id), "newest first");
        Assert.All(all, e => Assert.Equal(alice, e.AccountId));
        Assert.Equal(balances.Item1, all.Where(e => e.Asset == Assets.Points).Sum(e => e.Amount));
        Assert.Equal(balances.Item2, all.Where(e => e.Asset == camp).Sum(e => e.Amount));
        var newest = all[0];
        Assert.Equal(LedgerKind.Settlement, newest.Kind);
        Assert.Equal(balances.Item1, newest.BalanceAfter);
        Assert.Equal(SystemAccounts.Settlement, newest.Counterparty);
        Assert.Equal(TimeSpan.Zero, newest.Time.Offset);

        // Keyset paging: pages of 5 join up to the whole list, without gaps or repeats.
        var paged = new List<LedgerEntryRow>();
        long? before = null;
        var pages = 0;
        do
        {
            var page = await history.PageAsync(new LedgerQuery(alice, BeforeId: before, PageSize: 5));
            paged.AddRange(page.Entries);
            before = page.NextBeforeId;
            pages++;
            if (before is not null) Assert.Equal(page.Entries[^1].Id, before);
        } while (before is not null);
        Assert.Equal(3, pages);
        Assert.Equal(all, paged);

        // Filters.
        var won = Assert.Single((await history.PageAsync(new LedgerQuery(alice, Kinds: [LedgerKind.Duel]))).Entries);
        Assert.Equal((150L, duel, bob), (won.Amount, won.Reference, won.Counterparty));
        var mixed = (await history.PageAsync(new LedgerQuery(alice, Kinds: [LedgerKind.Duel, LedgerKind.Trade]))).Entries;
        Assert.Equal(all.Where(e => e.Kind is LedgerKind.Duel or LedgerKind.Trade), mixed);
        var shares = (await history.PageAsync(new LedgerQuery(alice, Asset: camp))).Entries;
        Assert.Equal([(LedgerKind.Settlement, -10L), (LedgerKind.Trade, 10L)], shares.Select(e => (e.Kind, e.Amount)).ToArray());
        var grants = (await history.PageAsync(new LedgerQuery(alice, Kinds: [LedgerKind.Grant], Asset: Assets.Points, PageSize: 4))).Entries;
        Assert.Equal([700L, 600, 500, 400], grants.Select(e => e.Amount).ToArray());

        var from = all[8].Time;   // each command has its own time, so the range is exact
        var to = all[2].Time;
        var window = (await history.PageAsync(new LedgerQuery(alice, From: from, To: to))).Entries;
        Assert.Equal(all.Where(e => e.Time >= from && e.Time < to), window);
        Assert.NotEmpty(window);

        Assert.Empty((await history.PageAsync(new LedgerQuery(9_999))).Entries);
        var one = await history.PageAsync(new LedgerQuery(alice, PageSize: 0)); // clamped to 1
        Assert.Equal(newest, Assert.Single(one.Entries));
        Assert.Equal(newest.Id, one.NextBeforeId);
    }

    private static async Task<CommandResult> OkAsync(DurableExchange exchange, Command command)
    {
        var r = await exchange.SubmitAsync(command);
        Assert.True(r.IsOk, $"{command}: {r.Code}");
        return r;
    }
}
