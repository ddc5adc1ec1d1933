using CampTrading.Web.Infrastructure.Postgres;
using Npgsql;

namespace CampTrading.Tests.Infrastructure;

/// <summary>
/// The embedded cluster never trusts: a generated superuser password (file mode 0600) with scram-sha-256, and a cluster made
/// by an earlier version with <c>trust</c> is switched over on its next start, keeping its data.
/// </summary>
public sealed class LocalPostgresAuthTests : IAsyncLifetime
{
    private readonly List<string> _folders = [];

    [Fact]
    public async Task A_new_cluster_requires_the_generated_password()
    {
        var folder = NewFolder();
        await using var cluster = new LocalPostgresCluster(PostgresFixture.CreateTestOptions(folder, PostgresFixture.GetFreeTcpPort()));
        var connectionString = await cluster.StartAsync();

        Assert.Equal(1, await ScalarAsync(connectionString, "select 1"));
        AssertNoTrust(cluster);
        AssertPrivatePasswordFile(folder);
        await AssertRefusedWithoutPasswordAsync(connectionString);
        await AssertRefusedAsync(new NpgsqlConnectionStringBuilder(connectionString) { Password = "wrong" }.ConnectionString);
    }

    [Fact]
    public async Task A_cluster_created_with_trust_is_switched_to_a_password_on_start_and_keeps_its_data()
    {
        var folder = NewFolder();
        var port = PostgresFixture.GetFreeTcpPort();
        await using (var first = new LocalPostgresCluster(PostgresFixture.CreateTestOptions(folder, port)))
        {
            var connectionString = await first.StartAsync();
            await ScalarAsync(connectionString, "create table kept (x int); insert into kept values (42)");
            await first.StopAsync();
        }
        // What earlier versions left behind: every rule trust, no password file.
        var hba = Path.Combine(folder, "data", "pg_hba.conf");
        await File.WriteAllTextAsync(hba, string.Join('\n', (await File.ReadAllLinesAsync(hba)).Select(l => l.Replace("scram-sha-256", "trust", StringComparison.Ordinal))) + "\n");
        File.Delete(Path.Combine(folder, "postgres.password"));

        await using var second = new LocalPostgresCluster(PostgresFixture.CreateTestOptions(folder, port));
        var migrated = await second.StartAsync();
        Assert.Equal(42, await ScalarAsync(migrated, "select x from kept"));
        AssertNoTrust(second);
        AssertPrivatePasswordFile(folder);
        await AssertRefusedWithoutPasswordAsync(migrated);

        await second.StopAsync(); // and it starts again with the stored password
        await using var third = new LocalPostgresCluster(PostgresFixture.CreateTestOptions(folder, port));
        Assert.Equal(42, await ScalarAsync(await third.StartAsync(), "select x from kept"));
    }

    private static void AssertNoTrust(LocalPostgresCluster cluster)
    {
        var rules = File.ReadAllLines(Path.Combine(cluster.ClusterDirectory, "pg_hba.conf")).Where(l => l.TrimStart() is { Length: > 0 } t && t[0] != '#').ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.DoesNotContain("trust", rule, StringComparison.Ordinal));
    }

    private static void AssertPrivatePasswordFile(string folder)
    {
        var file = Path.Combine(folder, "postgres.password");
        Assert.True(File.Exists(file), "no password file");
        Assert.True(File.ReadAllText(file).Trim().Length >= 32);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    private static async Task AssertRefusedWithoutPasswordAsync(string connectionString)
    {
        Assert.False(string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Password), "the connection string has no password");
        await AssertRefusedAsync(new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString);
    }

    private static async Task AssertRefusedAsync(string connectionString)
    {
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(pooled);
        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
        Assert.True(error is PostgresException { SqlState: "28P01" or "28000" } || error.Message.Contains("password", StringComparison.OrdinalIgnoreCase), error.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var folder in _folders) await PostgresFixture.StopClusterAndDeleteAsync(folder);
    }

    private string NewFolder()
    {
        var folder = PostgresFixture.CreateTempDirectory("camp-pg-auth");
        _folders.Add(folder);
        return folder;
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
