using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.Identity.Staff;

/// <summary>One audited staff action.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Target, string Details);

/// <summary>Writes and reads the <c>audit_log</c> table: who did what to whom, with details as JSON.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public async Task WriteAsync(string actor, string action, string? target, object? details = null, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("insert into audit_log (actor, action, target, details) values ($1, $2, $3, $4)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = actor });
        cmd.Parameters.Add(new NpgsqlParameter { Value = action });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)target ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(details ?? new { }), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest <paramref name="count"/> entries, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int count, CancellationToken cancellationToken = default)
    {
        var entries = new List<AuditEntry>();
        await using var cmd = dataSource.CreateCommand("select id, at, actor, action, target, details::text from audit_log order by id desc limit $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = count });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new AuditEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
        return entries;
    }
}
