using System.Net;
using System.Net.Sockets;
using System.Text;
using CampTrading.Web.Infrastructure.Postgres;

namespace CampTrading.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (temp folder, free port, fsync off), shared by every test class that
/// takes this class fixture: the first one starts it, the end of the test process stops it and deletes its folder.
/// Test classes run in parallel and isolate themselves by database: <see cref="CreateDatabaseAsync"/> returns a
/// connection string to a fresh, uniquely named one.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static LocalPostgresCluster? s_cluster;
    private static string? s_root;
    private LocalPostgresCluster? _cluster;
    private string? _root;

    /// <summary>The temp folder holding the shared cluster.</summary>
    public string RootDirectory => _root ?? throw new InvalidOperationException("The fixture is not initialised.");

    public LocalPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Connection string to the cluster's <c>postgres</c> database.</summary>
    public string ServerConnectionString => Cluster.GetConnectionString("postgres");

    public async Task InitializeAsync()
    {
        await Starting.WaitAsync();
        try
        {
            if (s_cluster is null) await StartSharedAsync();
            (_cluster, _root) = (s_cluster, s_root);
        }
        finally
        {
            Starting.Release();
        }
    }

    private static async Task StartSharedAsync()
    {
        var root = CreateTempDirectory("camp-pg-tests");
        // A free port can be taken between probing and binding: retry with another one.
        for (var attempt = 1; ; attempt++)
        {
            var cluster = new LocalPostgresCluster(CreateTestOptions(root, GetFreeTcpPort(), "postgres"));
            try
            {
                await cluster.StartAsync();
                (s_cluster, s_root) = (cluster, root);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopShared();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await cluster.StopAsync();
            }
        }
    }

    /// <summary>Creates a new database named <c>{prefix}_{random}</c> and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string? prefix = null) =>
        Cluster.EnsureDatabaseAsync(UniqueDatabaseName(prefix));

    /// <summary>The cluster outlives each test class; the process exit stops it.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    private static void StopShared()
    {
        if (s_cluster is null || s_root is null) return;
        s_cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        StopClusterAndDeleteAsync(s_root).GetAwaiter().GetResult();
    }

    /// <summary>Server options that trade durability for speed: throwaway test clusters only, never the product.</summary>
    public const string UnsafeFastServerOptions = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";

    /// <summary>Options for a throwaway test cluster: fast and not durable.</summary>
    public static LocalPostgresClusterOptions CreateTestOptions(string dataDirectory, int port, string database = "camptest") => new()
    {
        DataDirectory = dataDirectory,
        Port = port,
        Database = database,
        ExtraServerOptions = UnsafeFastServerOptions,
        InitDbNoSync = true,
    };

    /// <summary>A lower-case database name: sanitised prefix plus 12 random hex digits (fits in 63 bytes).</summary>
    public static string UniqueDatabaseName(string? prefix = null)
    {
        var clean = new StringBuilder();
        foreach (var c in (prefix ?? "test").ToLowerInvariant())
        {
            clean.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }
        var head = clean.Length == 0 ? "test" : clean.ToString(0, Math.Min(clean.Length, 40));
        return $"{head}_{Guid.NewGuid().ToString("N")[..12]}";
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int GetFreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// A new empty folder under the temp path. (As root the cluster hands it to the postgres user itself.)
    /// </summary>
    public static string CreateTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Stops a cluster left running in <paramref name="path"/> (e.g. by a failed test), then deletes the folder.</summary>
    public static async Task StopClusterAndDeleteAsync(string path)
    {
        if (File.Exists(Path.Combine(path, "data", "postmaster.pid")))
        {
            await using var leftover = new LocalPostgresCluster(new LocalPostgresClusterOptions { DataDirectory = path });
            await leftover.StopAsync();
        }
        DeleteDirectory(path);
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp folder must not fail the run.
        }
    }
}
