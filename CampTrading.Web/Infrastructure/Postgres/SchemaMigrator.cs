using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CampTrading.Web.Infrastructure.Postgres;

/// <summary>One migration: a unique name (its file name) and the SQL to run.</summary>
public sealed record SchemaMigration(string Name, string Sql);

/// <summary>
/// Applies SQL migrations in ordinal name order, each once, each in its own transaction, recording them in
/// <c>schema_migrations(name, applied_at)</c>. A session advisory lock serialises concurrent migrators.
/// The product's migrations are the embedded files <c>Infrastructure/Postgres/Migrations/*.sql</c>; a file must
/// not contain its own BEGIN/COMMIT, and must never change once shipped (add a new file instead).
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    /// <summary>Key of the pg_advisory_lock held while migrating ("CampMigr" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x43616D704D696772;
    private const string ResourcePrefix = "CampTrading.Migrations.";

    /// <summary>The embedded migrations of this assembly, in the order they are applied.</summary>
    public static IReadOnlyList<SchemaMigration> EmbeddedMigrations { get; } = LoadEmbedded();

    /// <summary>Applies the embedded migrations; returns the names applied now.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(EmbeddedMigrations, cancellationToken);

    /// <summary>Applies <paramref name="migrations"/> (sorted by name) that are not yet recorded; returns the names applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IEnumerable<SchemaMigration> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = migrations.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var applied = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null,
                "create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())",
                cancellationToken);
            var done = new HashSet<string>(StringComparer.Ordinal);
            await using (var select = new NpgsqlCommand("select name from schema_migrations", connection))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    done.Add(reader.GetString(0));
                }
            }

            foreach (var migration in ordered.Where(m => !done.Contains(m.Name)))
            {
                logger.LogInformation("Applying schema migration {Name}", migration.Name);
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await ExecuteAsync(connection, tx, migration.Sql, cancellationToken);
                }
                catch (PostgresException ex)
                {
                    throw new InvalidOperationException($"Schema migration {migration.Name} failed: {ex.MessageText}", ex);
                }
                await using (var record = new NpgsqlCommand("insert into schema_migrations (name, applied_at) values ($1, now())", connection, tx))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await tx.CommitAsync(cancellationToken);
                applied.Add(migration.Name);
            }
        }
        finally
        {
            try
            {
                await ExecuteAsync(connection, null, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
            catch (NpgsqlException ex)
            {
                // A broken connection releases its session lock anyway; don't mask the original error.
                logger.LogWarning(ex, "Could not release the schema migration advisory lock");
            }
        }
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SchemaMigration> LoadEmbedded()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => new SchemaMigration(n[ResourcePrefix.Length..], ReadResource(assembly, n)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
