using System.Diagnostics;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Durability;

/// <summary>
/// Benchmarks are never timed tests; these only prove the benchmark and load programs still build
/// and run end to end at a tiny size, so the figures in docs/BENCHMARKS.md can be re-measured.
/// </summary>
public sealed class DriverSmokeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Engine_benchmarks_run_at_smoke_size()
    {
        var output = await RunAsync("CampTrading.Benchmarks", "smoke");
        Assert.Contains("W1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Durable_path_load_driver_runs_at_smoke_size()
    {
        var connection = await postgres.CreateDatabaseAsync("durable");
        var output = await RunAsync("CampTrading.LoadDriver", "durable", "--conn", connection, "--seconds", "1", "--rate", "200", "--workers", "8", "--accounts", "20");
        Assert.Contains("closed loop", output, StringComparison.Ordinal);
        Assert.Contains("open loop", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_timing_runs_at_smoke_size()
    {
        var connection = await postgres.CreateDatabaseAsync("recovery");
        var output = await RunAsync("CampTrading.LoadDriver", "recovery", "--conn", connection, "--commands", "5000", "--accounts", "20");
        Assert.Contains("recovery with snapshot", output, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string project, params string[] args)
    {
        var start = new ProcessStartInfo(RepoPaths.Executable(project)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{project} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}\n{await stdout}");
        return await stdout;
    }
}
