using Microsoft.Extensions.Logging;

namespace CampTrading.Web.Infrastructure.Postgres;

/// <summary>
/// Locates the PostgreSQL server binaries (initdb, pg_ctl, postgres): first under
/// /usr/lib/postgresql/&lt;highest version&gt;/bin (Debian/Ubuntu layout), then on PATH.
/// When they are missing and the process runs as root, installs the Debian package <c>postgresql</c>.
/// </summary>
public sealed class PostgresBinaries
{
    public const string InstallCommand = "apt-get update && apt-get install -y postgresql";
    private const string DebianRoot = "/usr/lib/postgresql";
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private PostgresBinaries(string binDirectory) => BinDirectory = binDirectory;

    public string BinDirectory { get; }
    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");
    public string Postgres => Path.Combine(BinDirectory, "postgres");

    /// <summary>Returns the binaries, or null when none of the candidate folders holds all three.</summary>
    public static PostgresBinaries? TryLocate()
    {
        var candidates = new List<string>();
        if (Directory.Exists(DebianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(DebianRoot)
                .Select(dir => (dir, version: Version.TryParse(NormaliseVersion(Path.GetFileName(dir)), out var v) ? v : null))
                .Where(x => x.version is not null)
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin")));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        var found = candidates.FirstOrDefault(dir => Required.All(name => File.Exists(Path.Combine(dir, name))));
        return found is null ? null : new PostgresBinaries(found);
    }

    /// <summary>Locates the binaries; installs them with apt-get when missing and running as root.</summary>
    public static async Task<PostgresBinaries> LocateOrInstallAsync(ILogger logger, CancellationToken cancellationToken)
    {
        if (TryLocate() is { } existing)
        {
            return existing;
        }
        var missing = $"PostgreSQL server binaries ({string.Join(", ", Required)}) were not found under {DebianRoot}/<version>/bin or on PATH.";
        if (!PostgresProcess.IsRoot)
        {
            throw new InvalidOperationException(
                $"{missing} Install them as root with `{InstallCommand}` (Debian/Ubuntu), " +
                "or set ConnectionStrings:CampTrading to an existing PostgreSQL server.");
        }

        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (TryLocate() is { } raced)
            {
                return raced;
            }
            logger.LogWarning("{Missing} Running as root: installing them with `{Command}`", missing, InstallCommand);
            string[] lockWait = ["-o", "DPkg::Lock::Timeout=600"];
            await PostgresProcess.RunCheckedAsync("apt-get", [.. lockWait, "update"], null, cancellationToken);
            await PostgresProcess.RunCheckedAsync("apt-get", [.. lockWait, "install", "-y", "--no-install-recommends", "postgresql"], null, cancellationToken);
            var installed = TryLocate() ?? throw new InvalidOperationException(
                $"{missing} `{InstallCommand}` succeeded but the binaries are still missing.");
            logger.LogInformation("Installed PostgreSQL server binaries in {BinDirectory}", installed.BinDirectory);
            return installed;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string NormaliseVersion(string name) => name.Contains('.', StringComparison.Ordinal) ? name : name + ".0";
}
