using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CampTrading.Tests.Support;

/// <summary>The real app as a child process on a free loopback port (Development, dev hooks on, unless the settings say otherwise).</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static AppProcess Start(string connection, params (string Key, string Value)[] settings) => Start([], connection, settings);

    /// <summary>As <see cref="Start(string, ValueTuple{string, string}[])"/>, with <paramref name="arguments"/> first on the command line.</summary>
    public static AppProcess Start(IEnumerable<string> arguments, string connection, params (string Key, string Value)[] settings)
    {
        var port = PostgresFixture.GetFreeTcpPort();
        var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var project = Path.Combine(RepoPaths.Root, "CampTrading.Web");
        var start = StartInfo(RepoPaths.Executable("CampTrading.Web"), arguments, project, baseUrl, connection);
        start.Environment["Exchange__DevSignIn"] = "true";
        start.Environment["Exchange__WriterLockCheckInterval"] = "00:00:00.200";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>
    /// How the tests start the real app (here and in <see cref="CampAppFixture"/>): its project folder as content root, on
    /// <paramref name="baseUrl"/>, over <paramref name="connection"/>, in Development, one log line per entry, output captured.
    /// </summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> leadingArguments, string projectDirectory, Uri baseUrl, string connection)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = projectDirectory,
        };
        foreach (var arg in leadingArguments) start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "--urls", baseUrl.ToString().TrimEnd('/'), "--contentRoot", projectDirectory }) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = null;
        start.Environment["ConnectionStrings__CampTrading"] = connection;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        return start;
    }

    public string Output() => string.Join(Environment.NewLine, _output.TakeLast(300));

    public HttpClient Client(bool cookies = false) =>
        new(new HttpClientHandler { UseCookies = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<JsonElement> HealthAsync()
    {
        using var http = Client();
        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls /healthz (no timing asserted: the deadline only ends a hung test) until it reports <paramref name="status"/>.</summary>
    public async Task<JsonElement> WaitForHealthAsync(string status, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the app exited ({_process.ExitCode}) before /healthz said {status}:\n{Output()}");
            try
            {
                var health = await HealthAsync();
                last = health.ToString();
                if (health.GetProperty("status").GetString() == status) return health;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            catch (JsonException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"/healthz never said {status} (last: {last}):\n{Output()}");
    }

    public async Task WaitForOutputAsync(string text, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (clock.Elapsed > deadline) throw new TimeoutException($"the app never logged \"{text}\":\n{Output()}");
            await Task.Delay(100);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        await _process.WaitForExitAsync().WaitAsync(deadline);
        return _process.ExitCode;
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
