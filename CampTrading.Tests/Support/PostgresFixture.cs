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

    private const string SharedPrefix = "camp-pg-tests";
    private const string OwnerFile = "owner";

    private static async Task StartSharedAsync()
    {
        await DeleteAbandonedSharedClustersAsync();
        var root = CreateTempDirectory(SharedPrefix);
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), OwnerStamp(Environment.ProcessId));
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

    /// <summary>
    /// At the end of the test process: the cluster is throwaway, so no shutdown checkpoint (the test host may be stopped
    /// soon after its tests end, and a checkpoint of a run's writes takes seconds). Whatever this does not finish, the next
    /// run's <see cref="DeleteAbandonedSharedClustersAsync"/> does.
    /// </summary>
    private static void StopShared()
    {
        if (s_cluster is null || s_root is null) return;
        s_cluster.StopAsync(immediate: true).GetAwaiter().GetResult();
        DeleteDirectory(s_root);
    }

    /// <summary>
    /// Stops and deletes the shared clusters of earlier test processes that are gone (killed, or stopped before their exit
    /// handler finished): each holds a run's databases, gigabytes that would otherwise pile up in the temp folder. A cluster
    /// whose test process still runs (another run on the same machine) is left alone.
    /// </summary>
    private static async Task DeleteAbandonedSharedClustersAsync()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), SharedPrefix + "-*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            string stamp;
            try { stamp = await File.ReadAllTextAsync(owner); }
            catch (IOException) { continue; } // not a shared cluster (a test's own), or not ours to judge
            catch (UnauthorizedAccessException) { continue; }
            if (int.TryParse(stamp.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var pid) && OwnerStamp(pid) == stamp) continue;
            await StopClusterAndDeleteAsync(folder, immediate: true);
        }
    }

    /// <summary>
    /// A process's id and start time ("" for a process that is not running), so a reused id is not taken for the owner. On
    /// Linux the start time is the kernel's own count of clock ticks since boot: <see cref="System.Diagnostics.Process.StartTime"/>
    /// is derived from the boot time afresh on each read and can differ in its last digits between two processes, which made a
    /// second test run on the machine take a running one's cluster for abandoned and stop it.
    /// </summary>
    private static string OwnerStamp(int pid)
    {
        try
        {
            if (File.Exists($"/proc/{pid}/stat"))
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (command) ": state is field 3
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pid} {fields[19]}"); // field 22: starttime
            }
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pid} {process.StartTime.ToUniversalTime():O}");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            return "";
        }
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

    /// <summary>
    /// Stops a cluster left running in <paramref name="path"/> (e.g. by a failed test), then deletes the folder;
    /// <paramref name="immediate"/> skips the shutdown checkpoint (the folder goes anyway).
    /// </summary>
    public static async Task StopClusterAndDeleteAsync(string path, bool immediate = false)
    {
        if (File.Exists(Path.Combine(path, "data", "postmaster.pid")))
        {
            await using var leftover = new LocalPostgresCluster(new LocalPostgresClusterOptions { DataDirectory = path });
            await leftover.StopAsync(immediate);
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
