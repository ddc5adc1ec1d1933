using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
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

    /// <summary>The real app as a child process on a free loopback port (Development, dev hooks on).</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        private AppProcess(Process process, Uri baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
        }

        public Uri BaseUrl { get; }

        public static AppProcess Start(string connection, params (string Key, string Value)[] settings)
        {
            var port = PostgresFixture.GetFreeTcpPort();
            var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            var project = Path.Combine(RepoPaths.Root, "CampTrading.Web");
            var start = new ProcessStartInfo(RepoPaths.Executable("CampTrading.Web"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = project,
                ArgumentList = { "--urls", baseUrl.ToString().TrimEnd('/'), "--contentRoot", project },
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["DOTNET_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_URLS"] = null;
            start.Environment["ConnectionStrings__CampTrading"] = connection;
            start.Environment["Exchange__DevSignIn"] = "true";
            start.Environment["Exchange__WriterLockCheckInterval"] = "00:00:00.200";
            start.Environment["Logging__Console__FormatterName"] = "simple";
            start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
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
}
