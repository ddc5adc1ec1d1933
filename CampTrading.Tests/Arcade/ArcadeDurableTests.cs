using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Durability;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Arcade;

/// <summary>Exactly once survives a restart: the engine relearns completed transactions by replaying the journal (or from a snapshot).</summary>
public sealed class ArcadeDurableTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_retry_after_a_restart_returns_the_original_result(bool snapshotFirst)
    {
        var connection = await postgres.CreateDatabaseAsync("arcade_retry");
        int student, machine;
        CommandResult charge, prize;
        await using (var exchange = await DurableExchange.OpenAsync(connection))
        {
            await exchange.StartAsync(snapshotEvery: 1_000, withQueryTables: true);
            student = (int)(await exchange.SubmitAsync(new OpenAccount("alice"))).Id;
            await exchange.SubmitAsync(new Grant(student, Assets.Points, 100, "start", "test"));
            machine = (int)(await exchange.SubmitAsync(new RegisterArcadeMachine("Pinball", "hash", "admin"))).Id;
            charge = await exchange.SubmitAsync(new ArcadeTransaction(machine, "play-1", student, -40, "pinball"));
            prize = await exchange.SubmitAsync(new ArcadeTransaction(machine, "win-1", student, 15, "pinball"));
            Assert.True(charge.IsOk && prize.IsOk);
            if (snapshotFirst)
            {
                await exchange.Snapshotter!.TakeAsync();
                Assert.True(exchange.Snapshotter.LastSnapshotSeq > 0, exchange.Snapshotter.LastError);
            }
        }

        await using var again = await DurableExchange.OpenAsync(connection);
        await again.StartAsync(withQueryTables: true);
        Assert.Equal(snapshotFirst, again.Recovery!.SnapshotSeq > 0);
        Assert.Equal(charge, await again.SubmitAsync(new ArcadeTransaction(machine, "play-1", student, -40, "pinball")));
        Assert.Equal(prize, await again.SubmitAsync(new ArcadeTransaction(machine, "win-1", student, 15, "pinball")));
        Assert.Equal(RejectCode.ArcadeTransactionConflict,
            (await again.SubmitAsync(new ArcadeTransaction(machine, "play-1", student, -50, "pinball"))).Code);
        Assert.Equal(75, await again.Sequencer!.ReadAsync(e => e.FindAccount(student)!.Balance(Assets.Points)));
        await again.StopAsync();

        // One ledger credit and one debit in the query tables, whatever the retries.
        await using var db = Npgsql.NpgsqlDataSource.Create(connection);
        await using var cmd = db.CreateCommand($"select count(*) from ledger_entries where kind = 'arcade' and account_id = {student}");
        Assert.Equal(2L, await cmd.ExecuteScalarAsync());
    }
}
