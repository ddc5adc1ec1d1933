using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace CampTrading.Web.Identity.Staff;

/// <summary>
/// ASP.NET Core Identity's user store for staff over PostgreSQL (<c>staff_users</c>, <c>staff_user_roles</c>).
/// Roles are the fixed names of <see cref="CampRoles"/>; Identity hands them in normalized (upper case).
/// Updates use optimistic concurrency on <c>concurrency_stamp</c>; sign-in failures and lockouts are counted by single atomic
/// statements instead (<see cref="RecordFailedSignInAsync"/>), which a concurrency check would otherwise drop.
/// </summary>
public sealed class StaffUserStore(NpgsqlDataSource dataSource) :
    IUserPasswordStore<StaffUser>, IUserRoleStore<StaffUser>, IUserSecurityStampStore<StaffUser>, IUserLockoutStore<StaffUser>
{
    private const string Columns = "id, user_name, normalized_user_name, password_hash, security_stamp, concurrency_stamp, lockout_end, access_failed_count, lockout_enabled, display_name, created_at";

    public void Dispose() { }

    public async Task<IdentityResult> CreateAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var cmd = dataSource.CreateCommand(
            $"insert into staff_users ({Columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (normalized_user_name) do nothing");
        AddUserParameters(cmd, user);
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.CreatedAt });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
    }

    public async Task<IdentityResult> UpdateAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var expected = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await using var cmd = dataSource.CreateCommand(
            "update staff_users set user_name = $2, normalized_user_name = $3, password_hash = $4, security_stamp = $5, concurrency_stamp = $6, " +
            "lockout_end = $7, access_failed_count = $8, lockout_enabled = $9, display_name = $10 where id = $1 and concurrency_stamp = $11");
        AddUserParameters(cmd, user);
        cmd.Parameters.Add(new NpgsqlParameter { Value = expected });
        if (await cmd.ExecuteNonQueryAsync(cancellationToken) == 1) return IdentityResult.Success;
        user.ConcurrencyStamp = expected;
        return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var cmd = dataSource.CreateCommand("delete from staff_users where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.Id });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public Task<StaffUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id) ? FindOneAsync("id = $1", id, cancellationToken) : Task.FromResult<StaffUser?>(null);

    public Task<StaffUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_user_name = $1", normalizedUserName, cancellationToken);

    /// <summary>All staff users, by user name.</summary>
    public async Task<IReadOnlyList<(StaffUser User, IReadOnlyList<string> Roles)>> ListAsync(CancellationToken cancellationToken)
    {
        var users = new List<StaffUser>();
        await using (var cmd = dataSource.CreateCommand($"select {Columns} from staff_users order by normalized_user_name"))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) users.Add(Read(reader));
        var roles = new Dictionary<Guid, List<string>>();
        await using (var cmd = dataSource.CreateCommand("select user_id, role from staff_user_roles order by role"))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                if (!roles.TryGetValue(id, out var list)) roles[id] = list = [];
                list.Add(reader.GetString(1));
            }
        return users.Select(u => (u, (IReadOnlyList<string>)(roles.TryGetValue(u.Id, out var r) ? r : []))).ToList();
    }

    /// <summary>True when any staff user holds <paramref name="role"/>.</summary>
    public async Task<bool> AnyInRoleAsync(string role, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("select exists (select 1 from staff_user_roles where role = $1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = role });
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task<string> GetUserIdAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(StaffUser user, string? userName, CancellationToken cancellationToken) { user.UserName = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(StaffUser user, string? normalizedName, CancellationToken cancellationToken) { user.NormalizedUserName = normalizedName ?? ""; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(StaffUser user, string? passwordHash, CancellationToken cancellationToken) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(StaffUser user, string stamp, CancellationToken cancellationToken) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(StaffUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(StaffUser user, CancellationToken cancellationToken) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(StaffUser user, bool enabled, CancellationToken cancellationToken) { user.LockoutEnabled = enabled; return Task.CompletedTask; }

    public async Task AddToRoleAsync(StaffUser user, string roleName, CancellationToken cancellationToken)
    {
        var role = KnownRole(roleName) ?? throw new InvalidOperationException($"Unknown role {roleName}.");
        await using var cmd = dataSource.CreateCommand("insert into staff_user_roles (user_id, role) values ($1, $2) on conflict do nothing");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = role });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveFromRoleAsync(StaffUser user, string roleName, CancellationToken cancellationToken)
    {
        if (KnownRole(roleName) is not { } role) return;
        await using var cmd = dataSource.CreateCommand("delete from staff_user_roles where user_id = $1 and role = $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = role });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IList<string>> GetRolesAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var roles = new List<string>();
        await using var cmd = dataSource.CreateCommand("select role from staff_user_roles where user_id = $1 order by role");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.Id });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) roles.Add(reader.GetString(0));
        return roles;
    }

    public async Task<bool> IsInRoleAsync(StaffUser user, string roleName, CancellationToken cancellationToken) =>
        KnownRole(roleName) is { } role && (await GetRolesAsync(user, cancellationToken)).Contains(role);

    public async Task<IList<StaffUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        var users = new List<StaffUser>();
        if (KnownRole(roleName) is not { } role) return users;
        await using var cmd = dataSource.CreateCommand(
            $"select {string.Join(", ", Columns.Split(", ").Select(c => "u." + c))} from staff_users u join staff_user_roles r on r.user_id = u.id where r.role = $1 order by u.normalized_user_name");
        cmd.Parameters.Add(new NpgsqlParameter { Value = role });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) users.Add(Read(reader));
        return users;
    }

    /// <summary>
    /// Counts one wrong password in a single statement (concurrent failures each count; no concurrency-stamp check can drop
    /// one) and, when the count reaches <paramref name="maxFailures"/>, locks the user until <paramref name="lockoutEnd"/> and
    /// starts the count again. Returns the lockout end now stored (null when not locked), or null when lockout is disabled.
    /// </summary>
    public async Task<DateTimeOffset?> RecordFailedSignInAsync(Guid id, int maxFailures, DateTimeOffset lockoutEnd, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "update staff_users set " +
            "lockout_end = case when access_failed_count + 1 >= $2 then $3 else lockout_end end, " +
            "access_failed_count = case when access_failed_count + 1 >= $2 then 0 else access_failed_count + 1 end " +
            "where id = $1 and lockout_enabled returning lockout_end");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = maxFailures });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lockoutEnd.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var stored = await cmd.ExecuteScalarAsync(cancellationToken);
        return stored is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : stored as DateTimeOffset?;
    }

    /// <summary>
    /// After a right password: clears the failure count unless the user is locked out at <paramref name="now"/> (a lockout that
    /// concurrent wrong passwords set meanwhile wins). False when locked out.
    /// </summary>
    public async Task<bool> ClearFailuresUnlessLockedOutAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "update staff_users set access_failed_count = 0 where id = $1 and (not lockout_enabled or lockout_end is null or lockout_end <= $2)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The <see cref="CampRoles"/> name for a role name in any case, or null.</summary>
    public static string? KnownRole(string? name) =>
        CampRoles.All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));

    private async Task<StaffUser?> FindOneAsync(string where, object value, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from staff_users where {where}");
        cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static void AddUserParameters(NpgsqlCommand cmd, StaffUser user)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.UserName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.NormalizedUserName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)user.PasswordHash ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)user.SecurityStamp ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.ConcurrencyStamp });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)user.LockoutEnd?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.AccessFailedCount });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.LockoutEnabled });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.DisplayName });
    }

    private static StaffUser Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        UserName = r.GetString(1),
        NormalizedUserName = r.GetString(2),
        PasswordHash = r.IsDBNull(3) ? null : r.GetString(3),
        SecurityStamp = r.IsDBNull(4) ? null : r.GetString(4),
        ConcurrencyStamp = r.GetString(5),
        LockoutEnd = r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
        AccessFailedCount = r.GetInt32(7),
        LockoutEnabled = r.GetBoolean(8),
        DisplayName = r.GetString(9),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(10),
    };
}
