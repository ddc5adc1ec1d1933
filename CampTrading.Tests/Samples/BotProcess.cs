using System.Collections.Concurrent;
using System.Diagnostics;

namespace CampTrading.Tests.Samples;

/// <summary>A sample bot run as a real child process: its output kept line by line, killed (whole tree) if it outlives its time.</summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private BotProcess(string name, ProcessStartInfo start)
    {
        Name = name;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("[stderr] " + e.Data); };
    }

    public string Name { get; }

    private const string ShellLikeExec =
        "import os, signal, sys\n" +
        "signal.pthread_sigmask(signal.SIG_SETMASK, [])\n" +
        "for s in (signal.SIGINT, signal.SIGTERM): signal.signal(s, signal.SIG_DFL)\n" +
        "os.execvp(sys.argv[1], sys.argv[1:])";

    public string Output => string.Join(Environment.NewLine, _lines);

    public static BotProcess Start(string name, string fileName, string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        // Started as a shell starts a command: no signal blocked or ignored. A child inherits the signal mask of the thread
        // that forks it, and the test host's threads are not a terminal's: under the full suite a bot once never saw the
        // SIGINT of the Ctrl+C test. python3 is there for the Python bot anyway.
        var start = new ProcessStartInfo("python3") { WorkingDirectory = workingDirectory };
        foreach (var argument in new[] { "-c", ShellLikeExec, fileName }.Concat(arguments)) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var bot = new BotProcess(name, start);
        bot._process.Start();
        bot._process.BeginOutputReadLine();
        bot._process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Sends SIGINT, what Ctrl+C in a terminal sends.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code, or null when it had to be killed after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
    }
}
