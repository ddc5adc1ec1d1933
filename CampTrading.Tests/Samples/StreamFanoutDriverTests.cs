using System.Text.RegularExpressions;

namespace CampTrading.Tests.Samples;

/// <summary>
/// The stream fan-out driver (LoadDriver stream-fanout) at a tiny size: it starts the app on a fresh database, connects
/// WebSocket subscribers, makes trades at a paced rate and reports that every subscriber received every trade, in sequence,
/// with no disconnect (its exit code says so too). Never timed: docs/BENCHMARKS.md holds the figures.
/// </summary>
public sealed partial class StreamFanoutDriverTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_stream_fanout_driver_delivers_every_trade_to_every_subscriber_in_sequence()
    {
        var connection = await postgres.CreateDatabaseAsync("fanout");
        var (exitCode, output, errors) = await LoadDriverRun.RunAsync(TimeSpan.FromMinutes(3), "stream-fanout", "--conn", connection, "--subscribers", "20", "--rate", "50", "--seconds", "2");
        Assert.True(exitCode == 0, $"stream-fanout exited {exitCode}: {errors}\n{output}");

        var delivered = Delivered().Match(output);
        Assert.True(delivered.Success, output);
        Assert.Equal(delivered.Groups["expected"].Value, delivered.Groups["delivered"].Value);
        Assert.NotEqual("0", delivered.Groups["delivered"].Value);
        Assert.Matches(@"sequence gaps\s+0\s*$", output.Split('\n').Single(l => l.StartsWith("sequence gaps", StringComparison.Ordinal)));
        Assert.Matches(@"disconnected\s+0\s*$", output.Split('\n').Single(l => l.StartsWith("disconnected", StringComparison.Ordinal)));
        Assert.Matches(@"book updates\s+[1-9]", output);
    }

    [GeneratedRegex(@"delivered\s+(?<delivered>[\d,]+) trade messages of (?<expected>[\d,]+) expected to 20 live subscribers")]
    private static partial Regex Delivered();
}
