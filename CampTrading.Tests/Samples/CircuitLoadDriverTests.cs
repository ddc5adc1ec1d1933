using System.Text.RegularExpressions;

namespace CampTrading.Tests.Samples;

/// <summary>
/// The circuits driver (LoadDriver circuits) at a tiny size: it starts the app on a fresh database, a child process opens
/// real Blazor Server circuits without a browser (signed-in students on /trade, / and /board), the engine takes an order
/// flow, and every trade is found in the market stream of every page that shows trades (the frames its script draws); the
/// circuits then close and the server's heap is measured again. Never timed: docs/BENCHMARKS.md holds the figures.
/// </summary>
public sealed partial class CircuitLoadDriverTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_circuits_driver_sees_every_trade_shown_on_every_trading_page()
    {
        var connection = await postgres.CreateDatabaseAsync("circuits");
        var (exitCode, output, errors) = await LoadDriverRun.RunAsync(TimeSpan.FromMinutes(4),
            "circuits", "--conn", connection, "--circuits", "12", "--rate", "20", "--seconds", "3", "--warmup", "1", "--students", "3");
        Assert.True(exitCode == 0, $"circuits exited {exitCode}: {errors}\n{output}");

        Assert.Contains("warmed up for 1 s", output); // the same flow, unmeasured, before the level
        var row = Row().Match(output);
        Assert.True(row.Success, output);
        Assert.Equal("0", row.Groups["missing"].Value);
        var detail = Detail().Match(output);
        Assert.True(detail.Success, output);
        // 12 circuits: 6 on /trade and 3 on /board show the tape; about 15 trades were made in 3 s, each seen by all 9. Each
        // of the 9 holds one market stream (the board's feeds its chart too).
        Assert.Equal(("12", "9", "9", "0"), (detail.Groups["connected"].Value, detail.Groups["showing"].Value, detail.Groups["streams"].Value,
            detail.Groups["errors"].Value));
        var seen = int.Parse(detail.Groups["seen"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(seen >= 9 * 10, output);
        Assert.True(seen <= 9 * 15, output); // at most 60 orders in 3 s, one in four a trade; the warm-up's 5 trades are not among them
    }

    [Fact]
    public async Task After_a_server_restart_every_circuit_reloads_onto_the_new_server_and_the_old_one_stops_quietly()
    {
        var connection = await postgres.CreateDatabaseAsync("circuitrestart");
        var (exitCode, output, errors) = await LoadDriverRun.RunAsync(TimeSpan.FromMinutes(4),
            "circuits-restart", "--conn", connection, "--circuits", "12", "--students", "3");
        Assert.True(exitCode == 0, $"circuits-restart exited {exitCode}: {errors}\n{output}");
        Assert.Matches(@"reopened 12 of 12 dropped circuits \(0 gave up\)", output);
        // Stopping with circuits open logs no failure.
        Assert.DoesNotContain("fail:", output + errors, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s+12\s+[\d.]+ s .* ms\s+(?<missing>\d+)\s+[+-][\d.]+ MB", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"connected (?<connected>\d+), showing trades (?<showing>\d+), market streams open (?<streams>\d+), sightings (?<seen>\d+), circuit errors (?<errors>\d+)")]
    private static partial Regex Detail();
}
