using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace CampTrading.Web.Backup;

/// <summary>
/// Consistent dumps of the app's database with the machine's <c>pg_dump</c> (custom format: one snapshot of every table, so the
/// journal, snapshots, query tables and their watermark agree), and restores with <c>pg_restore</c>. The connection comes from
/// the connection string (the configured server, or the embedded cluster's); a password travels in PGPASSWORD, never argv.
/// </summary>
public sealed class DatabaseBackup(string connectionString)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>Writes a dump to <paramref name="file"/> (via a temporary file beside it, so a half-written dump never has the name).</summary>
    public async Task DumpAsync(string file, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        try
        {
            await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", partial], cancellationToken);
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the database's contents with the dump's (<c>pg_restore --clean --if-exists --single-transaction</c>): all or nothing.
    /// The app must not be running against this database.
    /// </summary>
    public async Task RestoreAsync(string file, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source)) throw new FileNotFoundException($"No backup file at {source}.", source);
        await RunAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", source],
            cancellationToken);
    }

    private async Task RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PostgresClientTools.Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(connection.Database ?? "postgres");
        start.Environment["PGHOST"] = connection.Host ?? "127.0.0.1";
        start.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        if (connection.Username is { } user) start.Environment["PGUSER"] = user;
        if (connection.Password is { } password) start.Environment["PGPASSWORD"] = password;
        start.Environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        start.Environment["LC_MESSAGES"] = "C";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} exited with code {process.ExitCode}: {(await errors).Trim()} {(await output).Trim()}".Trim());
    }
}

/// <summary>
/// Finds PostgreSQL client programs (pg_dump, pg_restore) like <see cref="Infrastructure.Postgres.PostgresBinaries"/> finds the
/// server: the highest /usr/lib/postgresql/&lt;version&gt;/bin first (pg_dump must be at least the server's version), then PATH.
/// </summary>
public static class PostgresClientTools
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public static string Locate(string tool)
    {
        var candidates = new List<string>();
        if (Directory.Exists(DebianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(DebianRoot)
                .Select(dir => (dir, version: Version.TryParse(Normalise(Path.GetFileName(dir)), out var v) ? v : null))
                .Where(x => x.version is not null)
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin")));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"{tool} was not found under {DebianRoot}/<version>/bin or on PATH. Install the PostgreSQL client (apt-get install postgresql-client).");
    }

    private static string Normalise(string name) => name.Contains('.', StringComparison.Ordinal) ? name : name + ".0";
}
