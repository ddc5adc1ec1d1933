using CampTrading.Tests.Infrastructure;
using Npgsql;

namespace CampTrading.Tests.Durability;

public sealed class QueryTableTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Query_tables_agree_with_the_engine_and_are_rebuilt_after_a_lagging_crash()
    {
        var connection = await postgres.CreateDatabaseAsync("query");
        Dictionary<(int, int), long> balances;
        await using (var exchange = await DurableExchange.OpenAsync(connection))
        {
            await exchange.StartAsync(withQueryTables: true);
            await JournalRecoveryTests.RunMarketAsync(exchange, seed: 5, commands: 2_000);
            balances = await exchange.Sequencer!.ReadAsync(e => e.Accounts()
                .SelectMany(a => Enumerable.Range(0, 2).Select(asset => (Key: (a.Id, asset), Value: a.Balance(asset))))
                .Where(x => x.Value != 0).ToDictionary(x => x.Key, x => x.Value));
        }

        await using var db = NpgsqlDataSource.Create(connection);
        await AssertConsistentAsync(db, balances);
        var counts = await CountsAsync(db);
        Assert.True(counts.Trades > 0);

        // The persister fell behind and never caught up (the watermark commits with its rows, so its
        // state is always "complete up to the watermark"); a snapshot beyond the watermark exists.
        await ExecAsync(db, "delete from ledger_entries; delete from trades; delete from orders; update projection_watermark set seq = 0");
        await using (var snapshotting = await DurableExchange.OpenAsync(connection))
        {
            await snapshotting.StartAsync(snapshotEvery: 1);
            await snapshotting.SubmitAsync(new CampTrading.Core.Engine.Tick());
            await snapshotting.Snapshotter!.TakeAsync();
            Assert.True(snapshotting.Snapshotter.LastSnapshotSeq > 0, snapshotting.Snapshotter.LastError);
        }

        await using (var again = await DurableExchange.OpenAsync(connection))
        {
            await again.StartAsync(withQueryTables: true);
            await again.StopAsync();
        }
        await AssertConsistentAsync(db, balances);
        Assert.Equal(counts, await CountsAsync(db));
    }

    private static async Task AssertConsistentAsync(NpgsqlDataSource db, Dictionary<(int, int), long> balances)
    {
        await using (var cmd = db.CreateCommand("select account_id, asset, sum(amount) from ledger_entries group by 1, 2 having sum(amount) <> 0"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            var fromLedger = new Dictionary<(int, int), long>();
            while (await reader.ReadAsync()) fromLedger[(reader.GetInt32(0), reader.GetInt32(1))] = (long)reader.GetDecimal(2);
            Assert.Equal(balances.OrderBy(x => x.Key), fromLedger.OrderBy(x => x.Key));
        }
        // Each order's filled quantity is the sum of its trades; asset sums are zero (double entry).
        Assert.Equal(0, await ScalarAsync(db, """
            select count(*) from orders o where filled <> coalesce((select sum(quantity) from trades t where t.buy_order_id = o.id or t.sell_order_id = o.id), 0)
            """));
        Assert.Equal(0, await ScalarAsync(db, "select count(*) from (select asset from ledger_entries group by asset having sum(amount) <> 0) x"));
        Assert.Equal(0, await ScalarAsync(db, "select count(*) from orders where status = 'filled' and filled <> quantity"));
    }

    private static async Task<(long Ledger, long Trades, long Orders)> CountsAsync(NpgsqlDataSource db) =>
        (await ScalarAsync(db, "select count(*) from ledger_entries"), await ScalarAsync(db, "select count(*) from trades"),
         await ScalarAsync(db, "select count(*) from orders"));

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
