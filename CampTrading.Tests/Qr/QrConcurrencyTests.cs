using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Durability;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Qr;

/// <summary>
/// SPEC §9: "QR redemption trusted the point value sent by the client, and check-then-set let two
/// simultaneous redemptions both succeed." Here 100 students redeem one single-use code at the same
/// moment, through the real sequencer and PostgreSQL journal: exactly one is paid, once, the record's value.
/// </summary>
public sealed class QrConcurrencyTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Hundred_simultaneous_redemptions_of_a_single_use_code_pay_exactly_once()
    {
        const int students = 100;
        var connection = await postgres.CreateDatabaseAsync("qr_race");
        string before;
        int winner;
        await using (var exchange = await DurableExchange.OpenAsync(connection))
        {
            await exchange.StartAsync(withQueryTables: true);
            var accounts = new int[students];
            for (var i = 0; i < students; i++) accounts[i] = (int)(await exchange.SubmitAsync(new OpenAccount($"student{i}"))).Id;
            Assert.True((await exchange.SubmitAsync(new CreateQrCodes(["RACECODE7"], 500, 1, null, "race", "staff"))).IsOk);

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var redemptions = accounts.Select(account => Task.Run(async () =>
            {
                await gate.Task;
                return (Account: account, Result: await exchange.SubmitAsync(new RedeemQr(account, "RACECODE7")));
            })).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(redemptions);

            var paid = Assert.Single(results, r => r.Result.IsOk);
            winner = paid.Account;
            Assert.Equal(500, paid.Result.Detail1);
            Assert.All(results.Where(r => !r.Result.IsOk), r => Assert.Equal(RejectCode.QrUsedUp, r.Result.Code));

            var balances = await exchange.Sequencer!.ReadAsync(e => accounts.Select(a => e.FindAccount(a)!.Balance(Assets.Points)).ToArray());
            Assert.Equal(500, balances.Sum());
            Assert.Equal(500, balances.Single(b => b != 0));
            Assert.Equal(1, (await exchange.Sequencer.ReadAsync(e => e.FindQrCode("RACECODE7")!)).Uses);
            before = await exchange.StateAsync();
        }

        // The query tables (written from engine events) hold exactly one QR credit, to the winner.
        await using (var db = Npgsql.NpgsqlDataSource.Create(connection))
        await using (var cmd = db.CreateCommand("select account_id, amount from ledger_entries where kind = 'qr' and account_id >= 100"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(winner, reader.GetInt32(0));
            Assert.Equal(500, reader.GetInt64(1));
            Assert.False(await reader.ReadAsync());
        }

        // Replaying the journal reaches the same state: the outcome of the race is in the journal's order.
        await using var again = await DurableExchange.OpenAsync(connection);
        await again.StartAsync();
        Assert.Equal(before, await again.StateAsync());
    }
}
