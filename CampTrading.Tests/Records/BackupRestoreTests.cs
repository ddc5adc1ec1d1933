using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Tests.Durability;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Backup;
using CampTrading.Web.Identity.Staff;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CampTrading.Tests.Records;

/// <summary>Backups with pg_dump, restored with pg_restore into a fresh database, from which the engine recovers to the same state.</summary>
public sealed class BackupRestoreTests(PostgresFixture postgres) : IDisposable, IClassFixture<PostgresFixture>
{
    private readonly string _folder = PostgresFixture.CreateTempDirectory("camp-backups");

    public void Dispose() => PostgresFixture.DeleteDirectory(_folder);

    [Fact]
    public async Task A_dump_restored_into_a_fresh_database_recovers_the_engine_to_the_identical_state()
    {
        var source = await postgres.CreateDatabaseAsync("backup_source");
        string state;
        int alice, bob, camp;
        (long, long, long, long) sourceBalances;
        await using (var exchange = await DurableExchange.OpenAsync(source))
        {
            await exchange.StartAsync(snapshotEvery: 4, withQueryTables: true);
            async Task<int> Ok(Command command)
            {
                var result = await exchange.SubmitAsync(command);
                Assert.True(result.IsOk, $"{command}: {result.Code}");
                return (int)result.Id;
            }
            camp = await Ok(new ListInstrument("CAMP", "Camp", 20, 1_000));
            alice = await Ok(new OpenAccount("alice", AccountKind.Student, "red"));
            bob = await Ok(new OpenAccount("bob", AccountKind.Student, "blue"));
            await Ok(new SetMarketOverride(MarketOverride.ForceOpen, "admin"));
            await Ok(new Grant(alice, Assets.Points, 5_000, "start", "staff"));
            await Ok(new Grant(bob, Assets.Points, 3_000, "start", "staff"));
            await Ok(new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 30, 20)); // fills against the IPO ask
            await Ok(new PlaceOrder(alice, camp, Side.Sell, OrderType.Limit, 10, 21));
            await Ok(new PlaceOrder(bob, camp, Side.Buy, OrderType.Limit, 4, 21));
            await Ok(new PlaceOrder(bob, camp, Side.Buy, OrderType.Limit, 7, 18)); // rests
            await new AuditLog(exchange.DataSource).WriteAsync("staff", "student.grant", "T1", new { accountId = alice });
            state = await exchange.StateAsync();
            sourceBalances = await exchange.Sequencer!.ReadAsync(e => Balances(e, alice, bob, camp));
            await exchange.StopAsync();
        }

        var file = Path.Combine(_folder, "camp.dump");
        await new DatabaseBackup(source).DumpAsync(file);
        Assert.True(new FileInfo(file).Length > 0);
        Assert.False(File.Exists(file + ".partial"));

        var target = await postgres.CreateDatabaseAsync("backup_target");
        await new DatabaseBackup(target).RestoreAsync(file);
        foreach (var table in new[] { "journal", "snapshots", "ledger_entries", "trades", "orders", "audit_log", "schema_migrations", "projection_watermark" })
            Assert.Equal(await DumpTableAsync(source, table), await DumpTableAsync(target, table));

        await using var restored = await DurableExchange.OpenAsync(target);
        await restored.StartAsync(withQueryTables: true);
        Assert.True(restored.Recovery!.SnapshotSeq > 0, "recovered from a restored snapshot");
        Assert.Equal(state, await restored.StateAsync());
        var balances = await restored.Sequencer!.ReadAsync(e => Balances(e, alice, bob, camp));
        Assert.Equal(sourceBalances, balances);
        Assert.Equal((5_000 - 30 * 20, 3_000 - 4 * 20, 30L, 4L), balances); // both bought from the IPO ask at 20

        // The restored database carries on: new commands journal after the restored ones and new ledger rows get new ids.
        Assert.True((await restored.SubmitAsync(new Grant(bob, Assets.Points, 1, "after restore", "staff"))).IsOk);
        await restored.StopAsync();
        await using var check = NpgsqlDataSource.Create(target);
        await using var ids = check.CreateCommand("select count(*) = count(distinct id) from ledger_entries");
        Assert.True((bool)(await ids.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task The_command_line_backs_up_and_restores_and_the_backups_folder_serves_only_its_own_dumps()
    {
        var source = await postgres.CreateDatabaseAsync("backup_cli");
        await using (var exchange = await DurableExchange.OpenAsync(source))
            await new AuditLog(exchange.DataSource).WriteAsync("cli-test", "backup.marker", "x");
        var target = await postgres.CreateDatabaseAsync("restore_cli");

        var file = Path.Combine(_folder, "cli.dump");
        var output = new StringWriter();
        Assert.Equal(2, await BackupCommand.RunAsync(Services(source), ["backup"], output));
        Assert.Contains($"usage: {BackupCommand.Forms}", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await BackupCommand.RunAsync(Services(source), ["backup", file], output));
        Assert.Equal("PGDMP"u8.ToArray(), File.ReadAllBytes(file)[..5]);
        Assert.Equal(2, await BackupCommand.RunAsync(Services(target), ["restore", file], output)); // needs --yes
        Assert.Equal(1, await BackupCommand.RunAsync(Services(target), ["restore", Path.Combine(_folder, "missing.dump"), "--yes"], output));
        Assert.Equal(0, await BackupCommand.RunAsync(Services(target), ["restore", file, "--yes"], output));
        Assert.Equal(await DumpTableAsync(source, "audit_log"), await DumpTableAsync(target, "audit_log"));
        Assert.Contains("backup.marker", await DumpTableAsync(target, "audit_log"), StringComparison.Ordinal);

        var files = new BackupFiles(new DatabaseBackup(source), Path.Combine(_folder, "backups"), TimeProvider.System);
        Assert.Empty(files.List());
        var first = await files.CreateAsync();
        var second = await files.CreateAsync();
        Assert.Matches(@"^camptrading-\d{8}-\d{6}Z(-2)?\.dump$", first.Name);
        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal(2, files.List().Count);
        Assert.NotNull(files.Find(first.Name));
        File.WriteAllText(Path.Combine(files.Directory, "notes.dump"), "x");
        foreach (var name in new[] { "notes.dump", "../cli.dump", "camptrading-20260101-000000Z.dump", "" })
            Assert.Null(files.Find(name));
        Assert.Equal(2, files.List().Count);
    }

    private static (long, long, long, long) Balances(ExchangeEngine engine, int alice, int bob, int camp) =>
        (engine.FindAccount(alice)!.Balance(Assets.Points), engine.FindAccount(bob)!.Balance(Assets.Points),
         engine.FindAccount(alice)!.Balance(camp), engine.FindAccount(bob)!.Balance(camp));

    private static ServiceProvider Services(string connectionString) =>
        new ServiceCollection().AddSingleton(new DatabaseBackup(connectionString)).BuildServiceProvider();

    /// <summary>A table's rows as text, in a stable order, for comparing two databases.</summary>
    private static async Task<string> DumpTableAsync(string connectionString, string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"select coalesce(string_agg(t::text, E'\\n' order by t::text), '') from {table} t");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
