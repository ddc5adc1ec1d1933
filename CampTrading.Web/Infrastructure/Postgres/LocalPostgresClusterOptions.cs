namespace CampTrading.Web.Infrastructure.Postgres;

/// <summary>Settings for <see cref="LocalPostgresCluster"/>.</summary>
public sealed class LocalPostgresClusterOptions
{
    /// <summary>Default port of the app's embedded cluster.</summary>
    public const int DefaultPort = 54329;

    /// <summary>
    /// Root folder of the cluster. The cluster itself lives in <c>data/</c> below it, the server log in
    /// <c>postgres.log</c>, and the unix socket in the folder itself (or under /tmp when that path is too long).
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>TCP port on 127.0.0.1. If the cluster is already running on another port, that port is used.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Database created on start (if missing) and named in the returned connection string.</summary>
    public string Database { get; init; } = "camptrading";

    /// <summary>Extra options for the postgres server, passed through <c>pg_ctl -o</c> (shell syntax). The product passes none.</summary>
    public string? ExtraServerOptions { get; init; }

    /// <summary>Pass <c>--no-sync</c> to initdb (faster; for throwaway test clusters only).</summary>
    public bool InitDbNoSync { get; init; }
}
