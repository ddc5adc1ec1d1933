using System.Net;
using CampTrading.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace CampTrading.Tests.Durability;

/// <summary>
/// DESIGN "One writer, enforced", with real CampTrading.Web processes on one database: the second instance is a
/// standby (no commands, /healthz "standby"), a third set to refuse exits with a clear message, and after
/// kill -9 of the leader the standby replays the journal and takes over with every acknowledged command.
/// </summary>
public sealed class OneWriterTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_second_instance_stands_by_and_takes_over_with_everything_acknowledged_after_kill_9_of_the_leader()
    {
        var connection = await postgres.CreateDatabaseAsync("onewriter");
        await using var leader = AppProcess.Start(connection);
        var leaderHealth = await leader.WaitForHealthAsync("ok", Generous);

        using var staff = leader.Client(cookies: true);
        using (var signIn = await staff.PostAsync(new Uri("/dev/signin-role", UriKind.Relative),
            new FormUrlEncodedContent([new("name", "lead"), new("role", "admin")])))
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var created = await staff.PostAsync(new Uri("/dev/qr-codes", UriKind.Relative), new FormUrlEncodedContent([new("value", "10")]));
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            codes.Add(await created.Content.ReadAsStringAsync()); // acknowledged: durable in the leader's journal
        }
        var acknowledgedSeq = (await leader.HealthAsync()).GetProperty("engine").GetProperty("lastSeq").GetInt64();

        await using var standby = AppProcess.Start(connection);
        var standing = await standby.WaitForHealthAsync("standby", Generous);
        Assert.Equal("standby", standing.GetProperty("role").GetString());
        Assert.Equal("ok", (await leader.HealthAsync()).GetProperty("status").GetString());

        await using (var refuser = AppProcess.Start(connection, ("Exchange__StandbyMode", "Refuse")))
        {
            var exit = await refuser.WaitForExitAsync(Generous);
            Assert.NotEqual(0, exit);
            Assert.Contains("holds the exchange's writer lock", refuser.Output(), StringComparison.Ordinal);
        }

        leader.Kill(); // SIGKILL: PostgreSQL frees the lock when its connection drops
        var took = await standby.WaitForHealthAsync("ok", Generous);
        output.WriteLine(took.ToString());
        Assert.Equal("leader", took.GetProperty("role").GetString());
        Assert.Equal(acknowledgedSeq, took.GetProperty("recovery").GetProperty("lastSeq").GetInt64());

        await using var db = NpgsqlDataSource.Create(connection);
        await using var query = db.CreateCommand("select payload->'codes'->>0 from journal where kind = 'CreateQrCodes' order by seq");
        var journaled = new List<string>();
        await using (var reader = await query.ExecuteReaderAsync())
            while (await reader.ReadAsync()) journaled.Add(reader.GetString(0));
        Assert.Equal(codes, journaled);
        Assert.Equal("leader", leaderHealth.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_leader_whose_lock_connection_dies_takes_no_commands_until_it_holds_the_lock_again()
    {
        var connection = await postgres.CreateDatabaseAsync("lockloss");
        await using var leader = AppProcess.Start(connection);
        await leader.WaitForHealthAsync("ok", Generous);

        await using (var db = NpgsqlDataSource.Create(connection))
        {
            await using var kill = db.CreateCommand(
                "select count(pg_terminate_backend(pid)) from pg_locks where locktype = 'advisory' and classid = $1 and objid = $2 "
                + "and database = (select oid from pg_database where datname = current_database())");
            kill.Parameters.AddWithValue((long)(uint)(WriterLockKey >> 32));
            kill.Parameters.AddWithValue((long)(uint)(WriterLockKey & 0xFFFFFFFF));
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        await leader.WaitForOutputAsync("The writer lock is lost", Generous);
        await leader.WaitForOutputAsync("taking commands again", Generous);
        Assert.Equal("leader", (await leader.WaitForHealthAsync("ok", Generous)).GetProperty("role").GetString());
    }

    private const long WriterLockKey = CampTrading.Web.Exchange.WriterLock.Key;
}
