using CampTrading.Web.Infrastructure.Postgres;

namespace CampTrading.Tests.Durability;

/// <summary>
/// The short version of the crash soak (scripts/soak.sh runs the long one by hand): LoadDriver soak on a PostgreSQL
/// cluster of its own, four SIGKILLs of the durable path under every kind of command, one of them with PostgreSQL's whole
/// process group killed and started again. The driver checks that every acknowledged command survives with the answer its
/// caller was told, that the invariant holds and that snapshot recovery agrees with a full replay; its exit code says so.
/// </summary>
public sealed class SoakDriverTests : IAsyncLifetime
{
    private readonly string _folder = PostgresFixture.CreateTempDirectory("camp-soak");

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Four_kills_one_of_them_with_postgres_lose_nothing_acknowledged()
    {
        // Durable, as a camp runs it: the test fixture's fast options (synchronous_commit off) lose commits when PostgreSQL dies.
        await using var cluster = new LocalPostgresCluster(new LocalPostgresClusterOptions { DataDirectory = _folder, Port = PostgresFixture.GetFreeTcpPort(), Database = "soak" });
        var connection = await cluster.StartAsync();
        var binaries = PostgresBinaries.TryLocate() ?? throw new InvalidOperationException("PostgreSQL binaries not found");

        var (exitCode, output, errors) = await LoadDriverRun.RunAsync(TimeSpan.FromMinutes(5), "soak", "--conn", connection, "--cycles", "4", "--pg-kills", "1", "--pg-data", cluster.ClusterDirectory, "--pg-bin", binaries.BinDirectory);

        var restartLog = Path.Combine(cluster.ClusterDirectory, "soak.log");
        Assert.True(exitCode == 0, $"soak exited {exitCode}: {errors}\n{output}\n{(File.Exists(restartLog) ? File.ReadAllText(restartLog) : "")}");
        Assert.Contains("4 app kills (1 with PostgreSQL)", output, StringComparison.Ordinal);
        Assert.Contains(", 0 lost, 0 answered differently on replay, invariant holds, snapshot recovery agrees", output, StringComparison.Ordinal);
    }

    public Task DisposeAsync() => PostgresFixture.StopClusterAndDeleteAsync(_folder);
}
