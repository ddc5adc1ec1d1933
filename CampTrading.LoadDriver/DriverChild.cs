using System.Diagnostics;
using System.Globalization;

namespace CampTrading.LoadDriver;

/// <summary>
/// This driver run again as a child process in another mode, spoken to over its standard input and output: the circuit
/// clients (so the server's memory and CPU are the server's) or a served app (so a restart is a new, cold process).
/// </summary>
internal sealed class DriverChild(Process process, string mode) : IDisposable
{
    private Task _echoing = Task.CompletedTask;
    private bool _disposed;

    public static DriverChild Crowd(Uri baseAddress, int circuits, int students) =>
        Start("circuit-clients", "--url", baseAddress.ToString(), "--circuits", circuits.ToString(CultureInfo.InvariantCulture),
            "--students", students.ToString(CultureInfo.InvariantCulture));

    /// <summary>The app on <paramref name="port"/> (0: a free one); <see cref="Serve"/> prints <c>listening &lt;url&gt;</c>.</summary>
    public static DriverChild App(string connection, int port) =>
        Start("serve", "--conn", connection, "--port", port.ToString(CultureInfo.InvariantCulture));

    private static DriverChild Start(string mode, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(DriverChild).Assembly.Location);
        start.ArgumentList.Add(mode);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return new DriverChild(Process.Start(start)!, mode);
    }

    /// <summary>The child's next line that starts with <paramref name="prefix"/>; the lines before it are echoed.</summary>
    public async Task<string> ReadLineAsync(string prefix)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix + " ", StringComparison.Ordinal)) return line;
            Console.WriteLine(line);
        }
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"the {mode} child exited ({process.ExitCode}) before \"{prefix}\"");
    }

    /// <summary>From now on every line the child writes is echoed (its log), so that it never blocks on a full pipe.</summary>
    public void EchoTheRest() => _echoing = Task.Run(async () =>
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line) Console.WriteLine(line);
    });

    public async Task SendAsync(string line)
    {
        await process.StandardInput.WriteLineAsync(line);
        await process.StandardInput.FlushAsync();
    }

    /// <summary>Closes its input, which a served app takes as the signal to stop gracefully, and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        await _echoing;
    }

    /// <summary>
    /// <see cref="StopAsync"/> then <see cref="Dispose"/>, for a <c>finally</c>: a child that already exited or was
    /// disposed is simply gone, so the error that brought the caller here is the one reported.
    /// </summary>
    public async Task StopQuietlyAsync()
    {
        if (_disposed) return;
        try
        {
            await StopAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // its input pipe already closed by its exit
        }
        finally
        {
            Dispose();
        }
    }

    public Task WaitForExitAsync() => process.WaitForExitAsync();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!process.HasExited) process.Kill();
        process.Dispose();
    }
}
