using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CampTrading.Web.Infrastructure.Postgres;

/// <summary>
/// Registers the app's PostgreSQL database. Configuration:
/// <list type="bullet">
/// <item><c>ConnectionStrings:CampTrading</c>: an existing server. When empty, an embedded local cluster is started.</item>
/// <item><c>Database:EmbeddedDataDirectory</c>: folder of the embedded cluster (default <see cref="DefaultEmbeddedDataDirectory"/>).</item>
/// <item><c>Database:EmbeddedPort</c>: its port on 127.0.0.1 (default 54329; 54330 in appsettings.Development.json).</item>
/// <item><c>Database:MigrateOnStartup</c>: apply the embedded schema migrations at startup (default true).</item>
/// </list>
/// </summary>
public static class CampDatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "CampTrading";

    /// <summary>
    /// See <see cref="AddCampDatabase(IServiceCollection, IConfiguration)"/>. Call it before registering hosted
    /// services that use the database: migrations run in a hosted service that must start first.
    /// </summary>
    public static WebApplicationBuilder AddCampDatabase(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCampDatabase(builder.Configuration, builder.Environment.EnvironmentName);
        return builder;
    }

    /// <summary>
    /// Resolves the connection string (starting the embedded cluster synchronously when none is configured, and
    /// writing the resulting string back to <c>ConnectionStrings:CampTrading</c>), then registers a
    /// <see cref="NpgsqlDataSource"/> singleton, <see cref="SchemaMigrator"/>, and a hosted service that migrates
    /// at startup and stops the embedded cluster at shutdown.
    /// </summary>
    public static IServiceCollection AddCampDatabase(this IServiceCollection services, IConfiguration configuration, string? environmentName = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(NpgsqlDataSource)))
        {
            return services;
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var embedded = StartEmbedded(configuration, environmentName ?? Environments.Production);
            connectionString = embedded.Cluster.ConnectionString!;
            var key = $"ConnectionStrings:{ConnectionStringName}";
            if (configuration is IConfigurationBuilder builder)
            {
                // A source of its own survives reloads of appsettings.json (ConfigurationManager is both).
                builder.AddInMemoryCollection([new(key, connectionString)]);
            }
            else
            {
                configuration[key] = connectionString;
            }
            // A factory registration, so the container also stops it when disposed without a graceful stop.
            services.AddSingleton(_ => embedded);
            services.AddSingleton(embedded.Cluster);
        }

        services.AddSingleton(sp =>
        {
            // Resolving the embedded cluster ties its lifetime to the container: disposal stops it.
            _ = sp.GetService<EmbeddedPostgres>();
            return new NpgsqlDataSourceBuilder(connectionString)
                .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
                .Build();
        });
        services.AddSingleton<SchemaMigrator>();
        services.AddHostedService<CampDatabaseHostedService>();
        return services;
    }

    /// <summary>
    /// Where the embedded cluster lives unless configured: <c>.campdata/postgres</c> under the current directory, and for
    /// the Development run <c>.campdata/postgres-development</c>. A camp run in Production after trying the app on the same
    /// machine must not inherit the try-out's accounts named at will, its points and its market opened by the first start.
    /// </summary>
    public static string DefaultEmbeddedDataDirectory(string environmentName, string currentDirectory) =>
        Path.Combine(currentDirectory, ".campdata",
            string.Equals(environmentName, Environments.Development, StringComparison.OrdinalIgnoreCase) ? "postgres-development" : "postgres");

    private static EmbeddedPostgres StartEmbedded(IConfiguration configuration, string environmentName)
    {
        var section = configuration.GetSection("Database");
        var dataDirectory = section["EmbeddedDataDirectory"];
        var options = new LocalPostgresClusterOptions
        {
            DataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory)
                ? DefaultEmbeddedDataDirectory(environmentName, Directory.GetCurrentDirectory())
                : dataDirectory),
            Port = section.GetValue("EmbeddedPort", LocalPostgresClusterOptions.DefaultPort),
        };
        // The host's logging is not built yet: a console logger of its own covers the cluster's lifetime.
        var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var cluster = new LocalPostgresCluster(options, loggerFactory.CreateLogger<LocalPostgresCluster>());
        try
        {
            cluster.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch
        {
            loggerFactory.Dispose();
            throw;
        }
        return new EmbeddedPostgres(cluster, loggerFactory);
    }
}

/// <summary>The embedded cluster started by <see cref="CampDatabaseServiceCollectionExtensions.AddCampDatabase(IServiceCollection, IConfiguration)"/>.</summary>
public sealed class EmbeddedPostgres(LocalPostgresCluster cluster, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private int _stopped;

    private bool _leaveSharedServerRunning;

    public LocalPostgresCluster Cluster { get; } = cluster;

    /// <summary>For one-shot commands (<c>-- admin</c>, <c>-- backup</c>): on exit, leave the server running if a running app started it.</summary>
    public void LeaveSharedServerRunning() => _leaveSharedServerRunning = true;

    /// <summary>Stops the cluster (once) and releases its bootstrap logger.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        try
        {
            if (_leaveSharedServerRunning && Cluster.ReusedRunningServer) NpgsqlConnection.ClearAllPools();
            else await Cluster.StopAsync();
        }
        finally
        {
            loggerFactory.Dispose();
        }
    }
}

/// <summary>Applies schema migrations at startup; stops the embedded cluster (if any) at shutdown.</summary>
internal sealed class CampDatabaseHostedService(
    SchemaMigrator migrator, IConfiguration configuration, ILogger<CampDatabaseHostedService> logger, IServiceProvider services)
    : IHostedService
{
    private readonly EmbeddedPostgres? _embedded = services.GetService<EmbeddedPostgres>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Database:MigrateOnStartup", true))
        {
            return;
        }
        var applied = await migrator.MigrateAsync(cancellationToken);
        logger.LogInformation("Database schema is up to date ({Count} migration(s) applied now)", applied.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_embedded is not null)
        {
            // Hosted services stop in reverse registration order, so this runs after the app's own services.
            await _embedded.DisposeAsync();
        }
    }
}
