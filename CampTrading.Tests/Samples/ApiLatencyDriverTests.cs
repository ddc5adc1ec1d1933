using System.Text.RegularExpressions;

namespace CampTrading.Tests.Samples;

/// <summary>
/// The API latency driver (LoadDriver api-latency) at a tiny size: it starts the app on a fresh database, gives every
/// client a student and a token, and reports a line per concurrency level with no refusals (its raised limits hold).
/// Never timed: docs/BENCHMARKS.md holds the figures.
/// </summary>
public sealed partial class ApiLatencyDriverTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_api_latency_driver_places_orders_through_the_api_at_each_concurrency_level_without_refusals()
    {
        var connection = await postgres.CreateDatabaseAsync("apilatency");
        var (exitCode, output, errors) = await LoadDriverRun.RunAsync(TimeSpan.FromMinutes(3), "api-latency", "--conn", connection, "--clients", "1,4", "--orders", "40");
        Assert.True(exitCode == 0, $"api-latency exited {exitCode}: {errors}\n{output}");
        Assert.Contains("POST /api/v1/orders", output, StringComparison.Ordinal);
        var levels = LevelLine().Matches(output).Select(m => m.Groups[1].Value).ToArray();
        Assert.True(levels is ["1", "4"], $"expected a line without refusals for 1 and 4 clients:\n{output}");
    }

    /// <summary>clients, orders/s, p50, p99, max, refused = 0.</summary>
    [GeneratedRegex(@"^\s*(\d+)\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+0\s*$", RegexOptions.Multiline)]
    private static partial Regex LevelLine();
}
