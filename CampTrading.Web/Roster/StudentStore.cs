using Npgsql;

namespace CampTrading.Web.Roster;

/// <summary>
/// A roster row: a student, the engine account they trade with, and how they sign in (SPEC §6). <see cref="Number"/> is
/// public (booths, arcade machines, boards and searches show and scan it); <see cref="Secret"/> is the private sign-in
/// secret printed once on the badge slip (column <c>registration_code</c>); <see cref="SecurityStamp"/> changes on reset
/// and disable, which ends every session signed in with the old one.
/// </summary>
public sealed record Student(
    long Id,
    string ExternalId,
    int AccountId,
    string Name,
    string? Team,
    string? Email,
    int Number,
    string Secret,
    string? PinHash,
    long? TelegramUserId,
    string SecurityStamp)
{
    /// <summary>True once the secret alone no longer signs in (a PIN is set or Telegram is linked).</summary>
    public bool IsSetUp => PinHash is not null || TelegramUserId is not null;
}

/// <summary>The <c>students</c> table (migrations 0003_roster.sql, 0009_student_numbers_and_sessions.sql).</summary>
public sealed class StudentStore(NpgsqlDataSource dataSource)
{
    internal const string Columns = "id, external_id, account_id, name, team, email, student_number, registration_code, pin_hash, telegram_user_id, security_stamp";

    /// <summary>By the private sign-in secret: only sign-in paths (web, bot) and ManageUsers staff may look this up.</summary>
    public Task<Student?> FindBySecretAsync(string secret, CancellationToken cancellationToken = default) =>
        FindOneAsync("registration_code = $1", secret, cancellationToken);

    /// <summary>By the public student number (what booths, arcade machines and boards scan).</summary>
    public Task<Student?> FindByNumberAsync(int number, CancellationToken cancellationToken = default) =>
        FindOneAsync("student_number = $1", number, cancellationToken);

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

    /// <summary>The accounts of the roster's students (not the Development sign-in's made-up accounts, which have no roster row).</summary>
    public async Task<HashSet<int>> AccountIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("select account_id from students");
        var accounts = new HashSet<int>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) accounts.Add(reader.GetInt32(0));
        return accounts;
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
    /// The first PIN of a student that is not set up yet (no PIN, no Telegram): false when someone set a PIN or linked
    /// Telegram meanwhile, so two people holding one secret cannot both claim the account.
    /// </summary>
    public async Task<bool> TrySetFirstPinHashAsync(long id, string pinHash, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "update students set pin_hash = $2, updated_at = now() where id = $1 and pin_hash is null and telegram_user_id is null");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = pinHash });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Links Telegram with the secret: only while the student has no Telegram and, unless the caller verified the PIN,
    /// no PIN (compare-and-set); false otherwise or when the Telegram id belongs to another student.
    /// </summary>
    public async Task<bool> TryLinkTelegramWithSecretAsync(long id, long telegramUserId, bool pinVerified, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "update students set telegram_user_id = $2, updated_at = now() where id = $1 and telegram_user_id is null and ($3 or pin_hash is null) " +
            "and not exists (select 1 from students o where o.telegram_user_id = $2 and o.id <> $1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = telegramUserId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = pinVerified });
        try
        {
            return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>A new security stamp: every session signed in with the old one ends at its next request or action.</summary>
    public async Task RotateSecurityStampAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "update students set security_stamp = md5(random()::text || clock_timestamp()::text), updated_at = now() where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
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
                reader.GetInt32(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9),
                reader.GetString(10)));
        }
        return list;
    }
}
