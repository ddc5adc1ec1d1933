using System.Diagnostics;

namespace CampTrading.Tests.Support;

/// <summary>Runs the load driver (CampTrading.LoadDriver) to its end, as its tests do.</summary>
public static class LoadDriverRun
{
    /// <summary>The exit code, standard output and standard error of one run; fails the test if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(RepoPaths.Executable("CampTrading.LoadDriver")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
