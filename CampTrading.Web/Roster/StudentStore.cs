using Npgsql;

namespace CampTrading.Web.Roster;

/// <summary>A roster row: a student, the engine account they trade with, and how they sign in.</summary>
public sealed record Student(
    long Id,
    string ExternalId,
    int AccountId,
    string Name,
    string? Team,
    string? Email,
    string RegistrationCode,
    string? PinHash,
    long? TelegramUserId);

/// <summary>The <c>students</c> table (migration 0003_roster.sql).</summary>
public sealed class StudentStore(NpgsqlDataSource dataSource)
{
    internal const string Columns = "id, external_id, account_id, name, team, email, registration_code, pin_hash, telegram_user_id";

    public Task<Student?> FindByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        FindOneAsync("registration_code = $1", code, cancellationToken);

    public Task<Student?> FindByAccountAsync(int accountId, CancellationToken cancellationToken = default) =>
        FindOneAsync("account_id = $1", accountId, cancellationToken);

    public Task<Student?> FindByIdAsync(long id, CancellationToken cancellationToken = default) =>
        FindOneAsync("id = $1", id, cancellationToken);

    public Task<Student?> FindByTelegramAsync(long telegramUserId, CancellationToken cancellationToken = default) =>
        FindOneAsync("telegram_user_id = $1", telegramUserId, cancellationToken);

    public Task<Student?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken = default) =>
        FindOneAsync("external_id = $1", externalId, cancellationToken);

    /// <summary>Every student, or one team's, ordered by team then name.</summary>
    public async Task<IReadOnlyList<Student>> ListAsync(string? team = null, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select {Columns} from students where $1::text is null or team = $1 order by team nulls last, name, external_id");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)team ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadAllAsync(cmd, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> TeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("select distinct team from students where team is not null order by team");
        var teams = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) teams.Add(reader.GetString(0));
        return teams;
    }

    /// <summary>Students whose external id is in <paramref name="externalIds"/>, by external id.</summary>
    public async Task<Dictionary<string, Student>> FindByExternalIdsAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from students where external_id = any($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = externalIds.ToArray() });
        return (await ReadAllAsync(cmd, cancellationToken)).ToDictionary(s => s.ExternalId, StringComparer.Ordinal);
    }

    /// <summary>Inserts a student; false when the registration code is already taken (draw another and retry).</summary>
    public async Task<bool> TryInsertAsync(string externalId, int accountId, string name, string? team, string? email, string code,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "insert into students (external_id, account_id, name, team, email, registration_code) values ($1, $2, $3, $4, $5, $6) " +
            "on conflict (registration_code) do nothing");
        cmd.Parameters.Add(new NpgsqlParameter { Value = externalId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = accountId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)team ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)email ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = code });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task UpdateProfileAsync(long id, string name, string? team, string? email, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("update students set name = $2, team = $3, email = $4, updated_at = now() where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)team ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)email ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetPinHashAsync(long id, string? pinHash, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("update students set pin_hash = $2, updated_at = now() where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)pinHash ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Sets the student's Telegram user id when <paramref name="expectedCurrent"/> still holds (compare-and-set);
    /// false when it changed meanwhile or the Telegram id belongs to another student.
    /// </summary>
    public async Task<bool> TrySetTelegramAsync(long id, long? expectedCurrent, long? telegramUserId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "update students set telegram_user_id = $3, updated_at = now() where id = $1 and telegram_user_id is not distinct from $2 " +
            "and ($3::bigint is null or not exists (select 1 from students o where o.telegram_user_id = $3 and o.id <> $1))");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)expectedCurrent ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)telegramUserId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        try
        {
            return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    private async Task<Student?> FindOneAsync<T>(string where, T value, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from students where {where}");
        cmd.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return (await ReadAllAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<Student>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await ReadAsync(reader, cancellationToken);
    }

    /// <summary>Reads the current result set of <paramref name="reader"/> (selected with <see cref="Columns"/>).</summary>
    internal static async Task<IReadOnlyList<Student>> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var list = new List<Student>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Student(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8)));
        }
        return list;
    }
}
