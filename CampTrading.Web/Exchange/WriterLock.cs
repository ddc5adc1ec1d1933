using Npgsql;

namespace CampTrading.Web.Exchange;

/// <summary>
/// The one-writer lock: a session advisory lock held on a dedicated connection for the engine's whole life.
/// PostgreSQL frees it when that connection ends (the process died, the network or the server went away),
/// so a standby can take over; the holder notices a dead connection through <see cref="WatchAsync"/>.
/// The journal appends through this same connection (<see cref="PostgresJournal.WriteThrough"/>): a write can then
/// only ever commit while the lock is held, so a new leader never sees an old leader's insert land after its replay.
/// </summary>
public sealed class WriterLock : IAsyncDisposable
{
    /// <summary>Key of the pg_advisory_lock ("CampEngn" in ASCII).</summary>
    public const long Key = 0x43616D70456E676E;

    private readonly NpgsqlConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;

    private WriterLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>The lock when it is free now; null when another session holds it.</summary>
    public static async Task<WriterLock?> TryAcquireAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"select pg_try_advisory_lock({Key})", connection);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!) return new WriterLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Waits (trying every <paramref name="interval"/>, through database outages) until the lock is ours.</summary>
    public static async Task<WriterLock> AcquireAsync(NpgsqlDataSource dataSource, TimeSpan interval, Action<Exception>? onError, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (await TryAcquireAsync(dataSource, cancellationToken) is { } acquired) return acquired;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                onError?.Invoke(ex);
            }
            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the lock's connection, one user at a time.</summary>
    public async Task<T> UseAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try { return await work(_connection); }
        finally { _gate.Release(); }
    }

    /// <summary>Completes with the reason once the lock's connection fails (the lock is then lost); cancelled at shutdown.</summary>
    public async Task<string> WatchAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(interval, cancellationToken);
            try
            {
                await UseAsync(async connection =>
                {
                    await using var command = new NpgsqlCommand("select 1", connection) { CommandTimeout = Math.Max(2, (int)(interval.TotalSeconds * 5)) };
                    return await command.ExecuteScalarAsync(cancellationToken);
                }, cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                return $"the writer lock's database connection failed: {ex.Message}";
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            if (await _gate.WaitAsync(TimeSpan.FromSeconds(5)))
            {
                await using var command = new NpgsqlCommand($"select pg_advisory_unlock({Key})", _connection) { CommandTimeout = 5 };
                await command.ExecuteScalarAsync();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            // the connection is gone, and the lock with it
        }
        await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
