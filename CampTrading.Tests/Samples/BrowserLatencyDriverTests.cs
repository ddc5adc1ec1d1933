using System.Text.RegularExpressions;

namespace CampTrading.Tests.Samples;

/// <summary>
/// The browser latency driver (LoadDriver browser-latency) at a tiny size: it starts the app on a fresh database, signs two
/// students in on two headless Chromium processes, makes trades one at a time and reports that each browser's tape showed
/// every one (its exit code says so too). Never timed: docs/BENCHMARKS.md holds the figures.
/// </summary>
public sealed partial class BrowserLatencyDriverTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_browser_latency_driver_sees_every_trade_appear_in_both_browsers()
    {
        var connection = await postgres.CreateDatabaseAsync("browserlatency");
        var (exitCode, output, errors) = await LoadDriverRun.RunAsync(TimeSpan.FromMinutes(3), "browser-latency", "--conn", connection, "--trades", "5");
        Assert.True(exitCode == 0, $"browser-latency exited {exitCode}: {errors}\n{output}");

        Assert.Equal(2, Shown().Count(output));
        Assert.Matches(@"submit→shown\s+p50 [\d.]+ ms\s+p99 [\d.]+ ms\s+max [\d.]+ ms\s+missing 0", output);
    }

    [GeneratedRegex(@"browser \d\s+5 of 5 trades shown")]
    private static partial Regex Shown();
}
