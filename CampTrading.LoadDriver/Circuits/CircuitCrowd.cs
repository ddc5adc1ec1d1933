using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace CampTrading.LoadDriver.Circuits;

/// <summary>
/// The client side of the circuits benchmark, in its own process so that the server's memory and CPU are the server's:
/// signs in students by name (Development sign-in), opens N circuits mixed over /trade (half), / and /board (a quarter
/// each) with a bounded number starting at once, and prints <c>ready</c>. It then reads <c>first &lt;trade id&gt;</c>,
/// <c>t &lt;trade id&gt; &lt;submitted, Unix ms&gt;</c> lines from its parent. A page that shows the market holds its market
/// stream as the page's script does (/trade its instrument's, /board the board's); for each,
/// the first frame carrying each new trade id is when that phone shows it. At <c>end</c> it prints one <c>result</c>
/// line and closes every circuit as a closing tab does.
/// </summary>
internal static partial class CircuitCrowd
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var baseAddress = new Uri(args.Text("url", "http://127.0.0.1:5000"));
        var count = args.Int("circuits", 100);
        var students = Math.Max(1, args.Int("students", 200));
        var parallel = args.Int("parallel", 16);

        var sessions = await SignInAsync(baseAddress, students);
        var sightings = new Sightings();
        using var reopener = new Reopener(TimeSpan.FromSeconds(args.Int("reopen-within", 120)));
        var circuits = new CircuitClient[count];
        var streams = new List<LiveStreamClient>();
        using var closing = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var failed = 0;
        using (var gate = new SemaphoreSlim(parallel))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var (cookies, http) = sessions[i % students];
                    var path = (i % 4) switch { 0 or 1 => "/trade", 2 => "/", _ => "/board" };
                    var circuit = new CircuitClient(baseAddress, path, cookies, http);
                    circuits[i] = circuit;
                    circuit.Dropped += reopener.Reopen;
                    if (!await circuit.StartAsync(CancellationToken.None)) Interlocked.Increment(ref failed);
                    // The page's script: the trade page follows its instrument's stream, the board the board's (its chart too).
                    LiveStreamClient[] live = path switch
                    {
                        "/trade" => [new LiveStreamClient(baseAddress, "live/market/1", http) { Shown = sightings.ForIds(i) }],
                        "/board" => [new LiveStreamClient(baseAddress, "live/board", http) { Shown = sightings.ForIds(i) }],
                        _ => [],
                    };
                    lock (streams) streams.AddRange(live);
                    foreach (var stream in live) _ = stream.RunAsync(closing.Token);
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref failed) <= 3) Console.Error.WriteLine($"circuit {i}: {e.GetType().Name}: {e.Message}");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var opened = clock.Elapsed;
        await WaitForFirstRendersAsync(circuits);
        for (var i = 0; i < 600 && StreamsOpen(streams) < streams.Count; i++) await Task.Delay(100);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {count - failed} {failed} {opened.TotalSeconds:F1}"));

        var batchesAtStart = 0L;
        var framesAtStart = 0L;
        var cpuAtStart = TimeSpan.Zero;
        var started = Stopwatch.StartNew();
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts[0] == "first")
            {
                sightings.From(long.Parse(parts[1], CultureInfo.InvariantCulture));
                batchesAtStart = circuits.Sum(c => c?.Batches ?? 0);
                lock (streams) framesAtStart = streams.Sum(s => s.Frames);
                cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
                started.Restart();
            }
            else if (parts[0] == "t") sightings.Submitted(long.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
            else if (parts[0] == "restarted") Console.WriteLine(await reopener.ReportAsync(count));
            else if (parts[0] == "end") break;
        }
        await Task.Delay(3_000); // renders still in flight
        var elapsed = started.Elapsed.TotalSeconds;
        var batches = circuits.Sum(c => c?.Batches ?? 0) - batchesAtStart;
        var showing = Enumerable.Range(0, count).Count(i => circuits[i] is { Path: not "/" } c && c.IsConnected);
        long frames;
        int streamsOpen;
        lock (streams) (frames, streamsOpen) = (streams.Sum(s => s.Frames) - framesAtStart, streams.Count(s => s.IsConnected));
        var result = sightings.Summarize(showing);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result connected {circuits.Count(c => c?.IsConnected == true)} showing {showing} streams {streamsOpen} frames/s {frames / elapsed:F0} batches/s {batches / elapsed:F0} p50 {result.P50:F1} p99 {result.P99:F1} max {result.Max:F1} seen {result.Seen} missing {result.Missing} errors {circuits.Sum(c => c?.Errors ?? 0)} client-cpu-s {(Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds:F1}"));

        await closing.CancelAsync();
        using (var gate = new SemaphoreSlim(64))
            await Task.WhenAll(circuits.Where(c => c is not null).Select(async c =>
            {
                await gate.WaitAsync();
                try { await c.DisposeAsync(); } finally { gate.Release(); }
            }));
        return 0;
    }

    private static int StreamsOpen(List<LiveStreamClient> streams)
    {
        lock (streams) return streams.Count(s => s.Frames > 0);
    }

    private static async Task WaitForFirstRendersAsync(CircuitClient?[] circuits)
    {
        for (var i = 0; i < 600 && circuits.Any(c => c is { IsConnected: true, Batches: 0 }); i++) await Task.Delay(100);
    }

    /// <summary>One cookie jar and HTTP client per student, signed in by name as the Development sign-in form does.</summary>
    private static async Task<(CookieContainer Cookies, HttpClient Http)[]> SignInAsync(Uri baseAddress, int students)
    {
        var sessions = new (CookieContainer, HttpClient)[students];
        for (var i = 0; i < students; i++)
        {
            var cookies = new CookieContainer();
            var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
            var form = await http.GetStringAsync("/signin");
            var token = AntiforgeryToken().Match(form);
            var fields = new Dictionary<string, string> { ["name"] = $"circuit-{i + 1}", ["returnUrl"] = "/trade" };
            if (token.Success) fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
            using var response = await http.PostAsync("/signin", new FormUrlEncodedContent(fields));
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("error") == true)
                throw new InvalidOperationException($"sign-in of circuit-{i + 1} answered {(int)response.StatusCode} {response.Headers.Location}");
            sessions[i] = (cookies, http);
        }
        return sessions;
    }

    /// <summary>
    /// Brings dropped circuits back as phones do after a server restart: each reloads its page and starts a new circuit,
    /// retrying every half second, at most 32 at once; times each from its drop to its first render on the new server.
    /// </summary>
    private sealed class Reopener(TimeSpan within) : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(32);
        private readonly Lock _lock = new();
        private readonly List<double> _seconds = [];
        private double _firstDrop = double.NaN, _lastBack = double.NaN;
        private int _dropped, _gaveUp;

        public void Reopen(CircuitClient circuit) => _ = ReopenAsync(circuit);

        public void Dispose() => _gate.Dispose();

        private async Task ReopenAsync(CircuitClient circuit)
        {
            var dropped = CircuitClient.UnixMs();
            lock (_lock)
            {
                _dropped++;
                if (double.IsNaN(_firstDrop)) _firstDrop = dropped;
            }
            while (CircuitClient.UnixMs() - dropped < within.TotalMilliseconds)
            {
                await Task.Delay(500);
                await _gate.WaitAsync();
                try
                {
                    if (!await circuit.ReloadAsync(CancellationToken.None)) continue;
                    for (var i = 0; i < 600 && circuit.Batches == 0; i++) await Task.Delay(50);
                    if (circuit.Batches == 0) continue;
                    var back = CircuitClient.UnixMs();
                    lock (_lock)
                    {
                        _seconds.Add((back - dropped) / 1000);
                        _lastBack = double.IsNaN(_lastBack) ? back : Math.Max(_lastBack, back);
                    }
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or OperationCanceledException
                                           or System.Net.WebSockets.WebSocketException)
                {
                    // the new server is not listening yet, or is still starting
                }
                finally
                {
                    _gate.Release();
                }
            }
            lock (_lock) _gaveUp++;
        }

        /// <summary>Waits until every circuit has dropped and is back or given up, then one <c>reopened</c> line.</summary>
        public async Task<string> ReportAsync(int circuits)
        {
            for (var i = 0; i < (int)within.TotalSeconds * 10 + 100; i++)
            {
                lock (_lock)
                    if (_dropped >= circuits && _seconds.Count + _gaveUp >= _dropped) break;
                await Task.Delay(100);
            }
            lock (_lock)
            {
                var sorted = _seconds.Order().ToArray();
                double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
                return string.Create(CultureInfo.InvariantCulture,
                    $"reopened {sorted.Length} dropped {_dropped} gave-up {_gaveUp} p50 {At(0.5):F1} p99 {At(0.99):F1} max {sorted.DefaultIfEmpty(double.NaN).Max():F1} all-back-after {(_lastBack - _firstDrop) / 1000:F1}");
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>
    /// When each page first showed each trade id (from <see cref="From"/> on), joined at the end with when the parent
    /// submitted it. Trade ids only grow, so a circuit keeps the highest id it has seen and records the ids above it.
    /// </summary>
    private sealed class Sightings
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<long, double> _submitted = [];
        private readonly List<(long Id, double At)> _seen = [];
        private long _first = long.MaxValue;

        public void From(long firstTradeId)
        {
            lock (_lock) _first = firstTradeId;
        }

        public void Submitted(long id, double at)
        {
            lock (_lock) _submitted[id] = at;
        }

        /// <summary>A page's sightings from its market stream's frames (trade ids as numbers).</summary>
        public Action<IReadOnlyList<long>, double> ForIds(int page)
        {
            var highest = 0L;
            return (ids, arrived) =>
            {
                var top = highest;
                foreach (var id in ids)
                {
                    if (id <= highest) continue;
                    lock (_lock)
                    {
                        if (id < _first) continue;
                        _seen.Add((id, arrived));
                    }
                    top = Math.Max(top, id);
                }
                highest = top;
            };
        }

        public (double P50, double P99, double Max, long Seen, long Missing) Summarize(int showingCircuits)
        {
            lock (_lock)
            {
                var latencies = _seen.Where(s => _submitted.ContainsKey(s.Id)).Select(s => s.At - _submitted[s.Id]).Order().ToArray();
                var expected = (long)_submitted.Count * showingCircuits;
                return (Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.DefaultIfEmpty(double.NaN).Max(), latencies.Length,
                    Math.Max(0, expected - latencies.Length));
            }
        }

        private static double Percentile(double[] sorted, double p) =>
            sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
