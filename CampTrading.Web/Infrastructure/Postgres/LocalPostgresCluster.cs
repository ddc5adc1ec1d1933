using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampTrading.Web.Infrastructure.Postgres;

/// <summary>
/// A PostgreSQL cluster in a local folder, driven with initdb and pg_ctl. Start creates the cluster on first
/// use, reuses a postmaster that is still running from an earlier process, and ensures the database exists.
/// As root the server runs as the <c>postgres</c> user (initdb refuses root) via <c>runuser</c>.
/// Authentication is scram-sha-256 with a generated password kept in <c>DataDirectory/postgres.password</c> (mode 0600),
/// never <c>trust</c>: anyone on the machine could otherwise connect as the superuser. A cluster created by an earlier
/// version with <c>trust</c> is switched over on start (password set, pg_hba.conf rewritten, configuration reloaded).
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string PostgresUser = "postgres";
    private const int MaxSocketPathLength = 100; // sun_path is 108 bytes, minus "/.s.PGSQL.NNNNN"
    private readonly LocalPostgresClusterOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PostgresBinaries? _binaries;

    public LocalPostgresCluster(LocalPostgresClusterOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        DataDirectory = Path.GetFullPath(options.DataDirectory);
        Port = options.Port;
    }

    /// <summary>Root folder (absolute).</summary>
    public string DataDirectory { get; }

    /// <summary>The PGDATA folder, <c>DataDirectory/data</c>.</summary>
    public string ClusterDirectory => Path.Combine(DataDirectory, "data");

    /// <summary>The server log file.</summary>
    public string LogFile => Path.Combine(DataDirectory, "postgres.log");

    /// <summary>The port the server listens on (known for sure once started).</summary>
    public int Port { get; private set; }

    /// <summary>Connection string of <see cref="LocalPostgresClusterOptions.Database"/>; null until started.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>The superuser's password, generated on first start (mode 0600).</summary>
    public string PasswordFile => Path.Combine(DataDirectory, "postgres.password");

    private string HbaFile => Path.Combine(ClusterDirectory, "pg_hba.conf");

    private string? _password;

    private string SocketDirectory => DataDirectory.Length <= MaxSocketPathLength
        ? DataDirectory
        : Path.Combine("/tmp", "camp-pg-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(DataDirectory)))[..12].ToLowerInvariant());

    /// <summary>Starts (or reuses) the cluster and returns a connection string to the configured database.</summary>
    public async Task<string> StartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _binaries ??= await PostgresBinaries.LocateOrInstallAsync(_logger, cancellationToken);
            Directory.CreateDirectory(DataDirectory);
            if (PostgresProcess.IsRoot)
            {
                await PostgresProcess.RunCheckedAsync("chown", [$"{PostgresUser}:{PostgresUser}", DataDirectory], null, cancellationToken);
            }
            var created = !File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION"));
            _password = ReadOrCreatePassword(mayCreate: created || TrustsAnyone());
            if (created)
            {
                await InitDbAsync(cancellationToken);
            }

            var runningPort = await GetRunningPortAsync(cancellationToken);
            if (runningPort is { } port)
            {
                if (port != _options.Port)
                {
                    _logger.LogWarning("PostgreSQL in {Dir} is already running on port {Actual}, not {Requested}; using port {Actual}",
                        ClusterDirectory, port, _options.Port, port);
                }
                else
                {
                    _logger.LogInformation("Reusing the PostgreSQL server already running in {Dir} on port {Port}", ClusterDirectory, port);
                }
                Port = port;
                ReusedRunningServer = true;
            }
            else
            {
                await StartServerAsync(cancellationToken);
            }

            if (TrustsAnyone())
            {
                await SwitchFromTrustToPasswordAsync(cancellationToken);
            }
            ConnectionString = await EnsureDatabaseCoreAsync(_options.Database, cancellationToken);
            return ConnectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Creates <paramref name="database"/> if missing and returns its connection string. The cluster must be started.</summary>
    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        if (ConnectionString is null)
        {
            throw new InvalidOperationException("The cluster is not started; call StartAsync first.");
        }
        return await EnsureDatabaseCoreAsync(database, cancellationToken);
    }

    /// <summary>Connection string for <paramref name="database"/> on this cluster (does not create it).</summary>
    public string GetConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = PostgresUser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>True when a postmaster runs for this folder (per <c>pg_ctl status</c> and postmaster.pid).</summary>
    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            return false;
        }
        _binaries ??= PostgresBinaries.TryLocate();
        return _binaries is not null && await GetRunningPortAsync(cancellationToken) is not null;
    }

    /// <summary>True when the server was already running (another process of the app started it) rather than started here.</summary>
    public bool ReusedRunningServer { get; private set; }

    /// <summary>
    /// Clears Npgsql pools, then stops the server (<c>pg_ctl -m fast -w stop</c>) if it is running. With
    /// <paramref name="immediate"/> it skips the shutdown checkpoint (<c>-m immediate</c>): only for a throwaway cluster about
    /// to be deleted, since the next start would have to recover.
    /// </summary>
    public async Task StopAsync(bool immediate = false)
    {
        await _gate.WaitAsync();
        try
        {
            NpgsqlConnection.ClearAllPools();
            ConnectionString = null;
            if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
            {
                return;
            }
            _binaries ??= PostgresBinaries.TryLocate();
            if (_binaries is null || await GetRunningPortAsync(CancellationToken.None) is null)
            {
                return;
            }
            _logger.LogInformation("Stopping PostgreSQL in {Dir}", ClusterDirectory);
            await RunAsPostgresCheckedAsync(_binaries.PgCtl, ["-D", ClusterDirectory, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60", "stop"], CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task InitDbAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("Creating a PostgreSQL cluster in {Dir}", ClusterDirectory);
        if (PostgresProcess.IsRoot)
        {
            await PostgresProcess.RunCheckedAsync("chown", ["-R", $"{PostgresUser}:{PostgresUser}", DataDirectory], null, cancellationToken);
        }
        // initdb reads the password from a file (never argv); as root it runs as postgres, so it gets a copy it may read.
        var initPasswordFile = Path.Combine(DataDirectory, "initdb.password");
        await WritePrivateFileAsync(initPasswordFile, _password!, cancellationToken);
        try
        {
            if (PostgresProcess.IsRoot)
            {
                await PostgresProcess.RunCheckedAsync("chown", [$"{PostgresUser}:{PostgresUser}", initPasswordFile], null, cancellationToken);
            }
            List<string> args = ["-D", ClusterDirectory, "-U", PostgresUser, "-A", "scram-sha-256", "--pwfile", initPasswordFile, "-E", "UTF8", "--locale=C"];
            if (_options.InitDbNoSync)
            {
                args.Add("--no-sync");
            }
            await RunAsPostgresCheckedAsync(_binaries!.InitDb, args, cancellationToken);
        }
        finally
        {
            File.Delete(initPasswordFile);
        }
    }

    /// <summary>True when pg_hba.conf still lets someone in without a password (a cluster created before scram).</summary>
    private bool TrustsAnyone() =>
        File.Exists(HbaFile) && File.ReadAllLines(HbaFile).Any(line => IsHbaRule(line) && HbaMethod(line) == "trust");

    /// <summary>The running server still trusts: give the superuser the password, then require it everywhere and reload.</summary>
    private async Task SwitchFromTrustToPasswordAsync(CancellationToken cancellationToken)
    {
        _logger.LogWarning("The PostgreSQL cluster in {Dir} allowed connections without a password (trust); switching it to scram-sha-256", ClusterDirectory);
        var trusted = new NpgsqlConnectionStringBuilder(GetConnectionString("postgres")) { Pooling = false, Password = null }.ConnectionString;
        await using var connection = new NpgsqlConnection(trusted);
        await connection.OpenAsync(cancellationToken);
        await using (var setPassword = new NpgsqlCommand(
            $"set password_encryption = 'scram-sha-256'; alter user {PostgresUser} password '{_password!.Replace("'", "''", StringComparison.Ordinal)}'", connection))
        {
            await setPassword.ExecuteNonQueryAsync(cancellationToken);
        }
        var lines = File.ReadAllLines(HbaFile).Select(line =>
            IsHbaRule(line) && HbaMethod(line) == "trust" ? ReplaceMethod(line, "scram-sha-256") : line);
        await File.WriteAllLinesAsync(HbaFile, lines, cancellationToken); // in place: owner and mode stay
        await using var reload = new NpgsqlCommand("select pg_reload_conf()", connection);
        await reload.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool IsHbaRule(string line) => line.TrimStart() is { Length: > 0 } t && t[0] != '#';

    private static string? HbaMethod(string line)
    {
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        // local DATABASE USER METHOD [OPTIONS] | host* DATABASE USER ADDRESS [MASK] METHOD [OPTIONS]
        return fields.FirstOrDefault(f => f is "trust" or "scram-sha-256" or "md5" or "password" or "peer" or "ident" or "reject" or "cert");
    }

    private static string ReplaceMethod(string line, string method)
    {
        var index = line.IndexOf("trust", StringComparison.Ordinal);
        return line[..index] + method + line[(index + "trust".Length)..];
    }

    /// <summary>The stored password; a new one only for a cluster about to be created or switched over from trust.</summary>
    private string ReadOrCreatePassword(bool mayCreate)
    {
        if (File.Exists(PasswordFile))
        {
            return File.ReadAllText(PasswordFile).Trim();
        }
        if (!mayCreate)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL cluster in {ClusterDirectory} requires a password, but {PasswordFile} is missing. Restore that file " +
                "(it holds the superuser's password) or move the folder away to start with a new, empty cluster.");
        }
        var password = System.Security.Cryptography.RandomNumberGenerator.GetHexString(40, lowercase: true);
        WritePrivateFileAsync(PasswordFile, password, CancellationToken.None).GetAwaiter().GetResult();
        return password;
    }

    private static async Task WritePrivateFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(content.AsMemory(), cancellationToken);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // also when the file already existed
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        Port = _options.Port;
        Directory.CreateDirectory(SocketDirectory);
        if (PostgresProcess.IsRoot && SocketDirectory != DataDirectory)
        {
            await PostgresProcess.RunCheckedAsync("chown", [$"{PostgresUser}:{PostgresUser}", SocketDirectory], null, cancellationToken);
        }
        RotateLogIfLarge();
        if (!PortIsFree(Port))
            throw new StartupRefusedException(
                $"port {Port} on 127.0.0.1, where the embedded PostgreSQL of {ClusterDirectory} should listen, is taken by another program "
                + "(perhaps another run's embedded PostgreSQL). Stop that program, or set Database:EmbeddedPort to a free port.");
        var serverOptions = $"-p {Port} -k {PostgresProcess.ShellQuote(SocketDirectory)} -c listen_addresses=127.0.0.1 {_options.ExtraServerOptions}".TrimEnd();
        _logger.LogInformation("Starting PostgreSQL in {Dir} on 127.0.0.1:{Port} (log: {Log})", ClusterDirectory, Port, LogFile);
        await RunAsPostgresCheckedAsync(_binaries!.PgCtl,
            ["-D", ClusterDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions, "start"], cancellationToken);
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>The port of the running postmaster, or null. Removes a stale postmaster.pid.</summary>
    private async Task<int?> GetRunningPortAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(ClusterDirectory, "postmaster.pid");
        var status = await RunAsPostgresAsync(_binaries!.PgCtl, ["-D", ClusterDirectory, "status"], cancellationToken);
        string[] lines = File.Exists(pidFile) ? await ReadSharedLinesAsync(pidFile, cancellationToken) : [];
        if (status.ExitCode == 0 && lines.Length >= 4
            && int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid) && IsPostgresProcess(pid)
            && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port))
        {
            return port;
        }
        if (status.ExitCode is not (0 or 3))
        {
            throw new InvalidOperationException($"Could not query the PostgreSQL server status.\n{status.Describe()}");
        }
        if (lines.Length > 0)
        {
            // The recorded PID is dead or belongs to another program (e.g. after a reboot or container restart).
            _logger.LogWarning("Removing stale {PidFile} (PID {Pid} is not a running postmaster)", pidFile, lines[0]);
            File.Delete(pidFile);
        }
        return null;
    }

    private static bool IsPostgresProcess(int pid)
    {
        var comm = $"/proc/{pid}/comm";
        if (!Directory.Exists("/proc/self"))
        {
            return true; // no procfs: trust pg_ctl status
        }
        try
        {
            var name = File.ReadAllText(comm).Trim();
            return name is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task<string> EnsureDatabaseCoreAsync(string database, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(GetConnectionString("postgres")) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return GetConnectionString(database);
            }
        }
        _logger.LogInformation("Creating database {Database}", database);
        try
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Created concurrently by someone else: fine.
        }
        return GetConnectionString(database);
    }

    private Task<PostgresProcess.Result> RunAsPostgresAsync(string binary, IEnumerable<string> args, CancellationToken cancellationToken) =>
        PostgresProcess.IsRoot
            ? PostgresProcess.RunAsync(RunUser(), ["-u", PostgresUser, "--", binary, .. args], DataDirectory, cancellationToken)
            : PostgresProcess.RunAsync(binary, args, DataDirectory, cancellationToken);

    private Task<PostgresProcess.Result> RunAsPostgresCheckedAsync(string binary, IEnumerable<string> args, CancellationToken cancellationToken) =>
        PostgresProcess.IsRoot
            ? PostgresProcess.RunCheckedAsync(RunUser(), ["-u", PostgresUser, "--", binary, .. args], DataDirectory, cancellationToken, LogTail)
            : PostgresProcess.RunCheckedAsync(binary, args, DataDirectory, cancellationToken, LogTail);

    /// <summary>
    /// <c>runuser</c>'s path. Started by a root shell whose PATH lacks <c>/usr/sbin</c> (<c>su</c> without <c>-l</c>, some
    /// containers), running it by name failed with a stack trace; missing altogether, the start is refused in one line.
    /// </summary>
    internal static string RunUser(string? path = null, IEnumerable<string>? fallbacks = null) =>
        PostgresProcess.FindRunUser(path ?? Environment.GetEnvironmentVariable("PATH"), fallbacks ?? PostgresProcess.SystemBinaries)
        ?? throw new StartupRefusedException(
            "it runs as root, so it starts its own PostgreSQL as the postgres user with runuser, and runuser was found neither on "
            + "PATH nor in " + string.Join(", ", fallbacks ?? PostgresProcess.SystemBinaries) + ". Install it (apt-get install util-linux), "
            + "or set ConnectionStrings__CampTrading to a PostgreSQL server.");

    private string LogTail()
    {
        try
        {
            if (!File.Exists(LogFile))
            {
                return $"--- {LogFile} does not exist ---";
            }
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Max(0, stream.Length - 8192), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return $"--- last lines of {LogFile} ---\n" + string.Join('\n', lines.TakeLast(30)).TrimEnd();
        }
        catch (IOException ex)
        {
            return $"--- could not read {LogFile}: {ex.Message} ---";
        }
    }

    private void RotateLogIfLarge()
    {
        var log = new FileInfo(LogFile);
        if (log.Exists && log.Length > 16 * 1024 * 1024)
        {
            File.Move(LogFile, LogFile + ".1", overwrite: true);
        }
    }

    private static async Task<string[]> ReadSharedLinesAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return (await reader.ReadToEndAsync(cancellationToken)).Split('\n');
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }
}
