using System.Diagnostics;
using System.Text;

namespace CampTrading.Web.Infrastructure.Postgres;

/// <summary>Runs a child process to completion, capturing stdout and stderr.</summary>
internal static class PostgresProcess
{
    internal sealed record Result(string CommandLine, int ExitCode, string StdOut, string StdErr)
    {
        public string Describe() =>
            $"`{CommandLine}` exited with code {ExitCode}.\n--- stdout ---\n{StdOut.TrimEnd()}\n--- stderr ---\n{StdErr.TrimEnd()}";
    }

    /// <summary>True when the process runs as root (Environment.UserName is resolved from geteuid on Unix).</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>The folders searched for <c>runuser</c> after PATH: a root shell's PATH can leave out the sbin folders.</summary>
    public static readonly string[] SystemBinaries = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>Where <c>runuser</c> is: the first on <paramref name="path"/>, else in <paramref name="fallbacks"/>; null when nowhere.</summary>
    public static string? FindRunUser(string? path, IEnumerable<string> fallbacks) =>
        (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(fallbacks)
            .Select(folder => Path.Combine(folder, "runuser"))
            .FirstOrDefault(File.Exists);

    public static async Task<Result> RunAsync(
        string fileName, IEnumerable<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        // English, unlocalised messages so errors are readable in logs and exceptions.
        psi.Environment["LC_MESSAGES"] = "C";
        psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        var commandLine = string.Join(' ', new[] { fileName }.Concat(psi.ArgumentList).Select(Quote));

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new InvalidOperationException($"Could not start `{commandLine}`: {ex.Message}", ex);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        return new Result(commandLine, process.ExitCode, await stdout, await stderr);
    }

    public static async Task<Result> RunCheckedAsync(
        string fileName, IEnumerable<string> arguments, string? workingDirectory, CancellationToken cancellationToken,
        Func<string>? extraDiagnostics = null)
    {
        var result = await RunAsync(fileName, arguments, workingDirectory, cancellationToken);
        if (result.ExitCode != 0)
        {
            var message = new StringBuilder(result.Describe());
            if (extraDiagnostics is not null)
            {
                message.Append('\n').Append(extraDiagnostics());
            }
            throw new InvalidOperationException(message.ToString());
        }
        return result;
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "-_=./:,@".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>Quotes a value for the shell that pg_ctl hands its -o options to.</summary>
    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
