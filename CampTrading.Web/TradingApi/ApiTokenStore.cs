using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.TradingApi;

/// <summary>One stored token (never its secret; the hash only where authentication needs it).</summary>
public sealed record ApiToken(
    long Id,
    string PublicId,
    int AccountId,
    string Name,
    ApiScopes Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    DateTimeOffset? LastUsedAt,
    long RequestCount)
{
    internal byte[] SecretHash { get; init; } = [];

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now;
    public bool IsLive(DateTimeOffset now) => RevokedAt is null && !IsExpired(now);
}

/// <summary>A token for the staff list: with its owner's name and public student number.</summary>
public sealed record ApiTokenWithOwner(ApiToken Token, string OwnerName, int? OwnerNumber);

/// <summary>The <c>api_tokens</c> and <c>api_settings</c> tables (migration 0011_trading_api.sql).</summary>
public sealed class ApiTokenStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "t.id, t.public_id, t.account_id, t.name, t.scopes, t.created_at, t.expires_at, t.revoked_at, t.revoked_by, t.last_used_at, t.request_count, t.secret_hash";

    /// <summary>Inserts a token unless the account already holds <paramref name="max"/> live ones (checked in the same statement).</summary>
    public async Task<ApiToken?> TryInsertAsync(string publicId, int accountId, string name, ApiScopes scopes, byte[] secretHash,
        DateTimeOffset? expiresAt, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // One student's creations are serialized, so two at once cannot both pass the count.
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_xact_lock(1701, $1)", connection, tx))
        {
            lockCmd.Parameters.Add(new NpgsqlParameter { Value = accountId });
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var count = new NpgsqlCommand(
            "select count(*) from api_tokens where account_id = $1 and revoked_at is null and (expires_at is null or expires_at > now())", connection, tx))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = accountId });
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! >= max) return null;
        }
        await using var insert = new NpgsqlCommand(
            "insert into api_tokens as t (public_id, account_id, name, scopes, secret_hash, expires_at) values ($1, $2, $3, $4, $5, $6) returning " + Columns,
            connection, tx);
        insert.Parameters.Add(new NpgsqlParameter { Value = publicId });
        insert.Parameters.Add(new NpgsqlParameter { Value = accountId });
        insert.Parameters.Add(new NpgsqlParameter { Value = name });
        insert.Parameters.Add(new NpgsqlParameter { Value = (short)scopes });
        insert.Parameters.Add(new NpgsqlParameter { Value = secretHash });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)expiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        ApiToken token;
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            token = Read(reader);
        }
        await tx.CommitAsync(cancellationToken);
        return token;
    }

    public async Task<ApiToken?> FindByPublicIdAsync(string publicId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from api_tokens t where t.public_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = publicId });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>One student's tokens, newest first (revoked ones included, for the record).</summary>
    public async Task<IReadOnlyList<ApiToken>> ListForAccountAsync(int accountId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from api_tokens t where t.account_id = $1 order by t.id desc limit 100");
        cmd.Parameters.Add(new NpgsqlParameter { Value = accountId });
        var tokens = new List<ApiToken>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) tokens.Add(Read(reader));
        return tokens;
    }

    /// <summary>Every token with its owner, newest first (for staff).</summary>
    public async Task<IReadOnlyList<ApiTokenWithOwner>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select {Columns}, s.name, s.student_number from api_tokens t left join students s on s.account_id = t.account_id order by t.id desc limit 5000");
        var tokens = new List<ApiTokenWithOwner>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            tokens.Add(new ApiTokenWithOwner(Read(reader), reader.IsDBNull(12) ? "#" + reader.GetInt32(2) : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetInt32(13)));
        return tokens;
    }

    /// <summary>Revokes a live token; with <paramref name="accountId"/> only that account's. The token revoked, or null when none was.</summary>
    public async Task<ApiToken?> RevokeAsync(long id, int? accountId, string by, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"update api_tokens t set revoked_at = now(), revoked_by = $3 where t.id = $1 and ($2::int is null or t.account_id = $2) and t.revoked_at is null returning {Columns}");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)accountId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = by });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Adds counted requests and the latest use, per token id.</summary>
    public async Task AddUsageAsync(IReadOnlyCollection<(long Id, long Requests, DateTimeOffset LastUsed)> usage, CancellationToken cancellationToken = default)
    {
        if (usage.Count == 0) return;
        await using var cmd = dataSource.CreateCommand(
            """
            update api_tokens t set request_count = t.request_count + u.requests, last_used_at = greatest(t.last_used_at, u.last_used)
            from unnest($1::bigint[], $2::bigint[], $3::timestamptz[]) as u(id, requests, last_used) where t.id = u.id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = usage.Select(u => u.Id).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = usage.Select(u => u.Requests).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = usage.Select(u => u.LastUsed.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The camp-wide switch as staff last set it, or null when they never have.</summary>
    public async Task<bool?> EnabledAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("select enabled from api_settings where id = 1");
        return await cmd.ExecuteScalarAsync(cancellationToken) is bool enabled ? enabled : null;
    }

    public async Task SetEnabledAsync(bool enabled, string by, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "insert into api_settings (id, enabled, updated_by) values (1, $1, $2) on conflict (id) do update set enabled = $1, updated_by = $2, updated_at = now()");
        cmd.Parameters.Add(new NpgsqlParameter { Value = enabled });
        cmd.Parameters.Add(new NpgsqlParameter { Value = by });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ApiToken Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), (ApiScopes)reader.GetInt16(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        reader.GetInt64(10))
    {
        SecretHash = reader.GetFieldValue<byte[]>(11),
    };
}
