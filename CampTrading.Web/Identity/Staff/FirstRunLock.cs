using Npgsql;

namespace CampTrading.Web.Identity.Staff;

/// <summary>
/// A PostgreSQL advisory lock held while the first-run page checks that no admin exists and creates one, so concurrent
/// posts (or two instances) create exactly one first admin: the others find the admin once they get the lock.
/// </summary>
public sealed class FirstRunLock : IAsyncDisposable
{
    /// <summary>"CampSetu": distinct from the schema migrator's and the engine's advisory lock keys.</summary>
    public const long AdvisoryLockKey = 0x43616D7053657475;

    private readonly NpgsqlConnection _connection;

    private FirstRunLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<FirstRunLock> AcquireAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var cmd = new NpgsqlCommand("select pg_advisory_lock($1)", connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            await cmd.ExecuteNonQueryAsync(cancellationToken);
            return new FirstRunLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var cmd = new NpgsqlCommand("select pg_advisory_unlock($1)", _connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync(); // closing the session releases the lock in any case
        }
    }
}
