using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Support;

/// <summary>
/// The real CampTrading.Web process, started from its build output as a child process in the
/// Development environment, against a fresh database of the shared test PostgreSQL cluster, on a
/// free loopback port. Ready once <c>GET /healthz</c> answers 200; killed (whole tree) on disposal.
/// </summary>
public sealed class CampAppFixture : IAsyncLifetime, IDisposable
{
    private readonly PostgresFixture _postgres = new();

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const int MaxOutputLines = 2_000;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The app's database (e.g. for running its CLI commands against it).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>What the app has written to stdout/stderr so far (the last <paramref name="lines"/> lines).</summary>
    public string Output(int lines = 200) => string.Join(Environment.NewLine, _output.TakeLast(lines));

    public async Task InitializeAsync()
    {
        var app = AppLocation.Find();
        await _postgres.InitializeAsync(); // the run's shared cluster (a class fixture cannot take another)
        var connectionString = ConnectionString = await _postgres.CreateDatabaseAsync("e2e");
        // A probed free port can be taken before the app binds it: try another one.
        for (var attempt = 1; ; attempt++)
        {
            var port = PostgresFixture.GetFreeTcpPort();
            try
            {
                await StartAsync(app, connectionString, port);
                return;
            }
            catch (AppStartException) when (attempt < 3 && _process is { HasExited: true })
            {
                await DisposeAsync();
                Keep($"--- start attempt {attempt} on port {port} failed; retrying ---");
            }
            catch
            {
                await DisposeAsync(); // xunit does not dispose a fixture whose initialisation failed
                throw;
            }
        }
    }

    private async Task StartAsync(AppLocation app, string connectionString, int port)
    {
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = AppProcess.StartInfo(app.FileName, app.LeadingArguments, app.ProjectDirectory, BaseUrl, connectionString);

        Keep($"$ {app.FileName} {string.Join(' ', start.ArgumentList)}");
        var process = _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data is null ? null : "[stderr] " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
                throw new AppStartException($"CampTrading.Web exited with code {process.ExitCode} before it was healthy.\n{Output()}");
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new AppStartException($"CampTrading.Web did not answer GET /healthz with 200 within {StartTimeout.TotalSeconds} s.\n{Output()}");
    }

    private int _circuitFailures;

    /// <summary>How many times the app has logged an unhandled exception in a Blazor circuit (a page crashed for its user).</summary>
    public int CircuitFailures => Volatile.Read(ref _circuitFailures);

    private void Keep(string? line)
    {
        if (line is null) return;
        if (line.Contains("Unhandled exception in circuit", StringComparison.Ordinal)) Interlocked.Increment(ref _circuitFailures);
        _output.Enqueue(line);
        while (_output.Count > MaxOutputLines) _output.TryDequeue(out _);
    }

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is not { } process) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or stuck: nothing more a test can do.
        }
        finally
        {
            process.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();

    private sealed class AppStartException(string message) : Exception(message);

    /// <summary>
    /// Where the app's build output is: the test assembly's own output path (bin/&lt;Configuration&gt;/&lt;tfm&gt;/&lt;rid&gt;/)
    /// mirrored onto the Web project, so Debug runs Debug and Release runs Release. CAMP_E2E_APP overrides it.
    /// </summary>
    private sealed record AppLocation(string FileName, string[] LeadingArguments, string ProjectDirectory)
    {
        private const string AppName = "CampTrading.Web";

        public static AppLocation Find()
        {
            var root = RepositoryRoot();
            var project = Path.Combine(root, AppName);
            var explicitPath = Environment.GetEnvironmentVariable("CAMP_E2E_APP");
            if (!string.IsNullOrEmpty(explicitPath)) return FromOutput(Path.GetDirectoryName(Path.GetFullPath(explicitPath))!, project)
                ?? throw new InvalidOperationException($"CAMP_E2E_APP={explicitPath}: no {AppName} there.");

            var tests = Path.Combine(root, "CampTrading.Tests");
            var relative = Path.GetRelativePath(tests, AppContext.BaseDirectory); // e.g. bin/Release/net10.0/
            var candidates = new List<string>();
            if (!relative.StartsWith("..", StringComparison.Ordinal)) candidates.Add(Path.Combine(project, relative));
            var configuration = typeof(AppLocation).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            candidates.Add(Path.Combine(project, "bin", configuration, "net10.0"));
            foreach (var candidate in candidates)
                if (FromOutput(candidate, project) is { } found) return found;
            throw new InvalidOperationException(
                $"The {AppName} build output was not found (looked in: {string.Join(", ", candidates)}). Build the solution first (dotnet build).");
        }

        private static AppLocation? FromOutput(string directory, string project)
        {
            var apphost = Path.Combine(directory, AppName);
            if (File.Exists(apphost)) return new AppLocation(apphost, [], project);
            var dll = Path.Combine(directory, AppName + ".dll");
            return File.Exists(dll) ? new AppLocation("dotnet", [dll], project) : null;
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CampTrading.sln")) && Directory.Exists(Path.Combine(dir.FullName, AppName)))
                    return dir.FullName;
            throw new InvalidOperationException($"No CampTrading.sln above {AppContext.BaseDirectory}.");
        }
    }
}
