using System.Text.Json;
using CampTrading.Core.MarketMaker;
using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.MarketMaker;

/// <summary>The maker's stored row: settings and pause set by staff, the house account, and the day's P&amp;L baseline.</summary>
public sealed record MarketMakerRecord(
    int? HouseAccountId,
    MakerSettings Settings,
    bool PausedByStaff,
    bool PausedAtLimit,
    string? LimitReason,
    int? DayNumber,
    MakerPnl DayStart,
    string UpdatedBy,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Before staff first save settings: nothing configured, paused.</summary>
    public static MarketMakerRecord Empty { get; } = new(null, new MakerSettings(), true, false, null, null, default, "", DateTimeOffset.MinValue);
}

/// <summary>The <c>market_maker</c> table (migration 0013): one row, the last writer wins.</summary>
public sealed class MarketMakerStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MarketMakerRecord> GetAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "select house_account_id, settings::text, paused_by_staff, paused_at_limit, limit_reason, day_number, day_realized, day_unrealized, updated_by, updated_at from market_maker where id = 1");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return MarketMakerRecord.Empty;
        return new MarketMakerRecord(
            reader.IsDBNull(0) ? null : reader.GetInt32(0),
            JsonSerializer.Deserialize<MakerSettings>(reader.GetString(1), Json) ?? new MakerSettings(),
            reader.GetBoolean(2),
            reader.GetBoolean(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetInt32(5),
            new MakerPnl(reader.GetInt64(6), reader.GetInt64(7)),
            reader.GetString(8),
            reader.GetFieldValue<DateTimeOffset>(9));
    }

    public async Task SaveAsync(MarketMakerRecord record, string actor, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "insert into market_maker (id, house_account_id, settings, paused_by_staff, paused_at_limit, limit_reason, day_number, day_realized, day_unrealized, updated_by, updated_at) " +
            "values (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, now()) on conflict (id) do update set " +
            "house_account_id = excluded.house_account_id, settings = excluded.settings, paused_by_staff = excluded.paused_by_staff, " +
            "paused_at_limit = excluded.paused_at_limit, limit_reason = excluded.limit_reason, day_number = excluded.day_number, " +
            "day_realized = excluded.day_realized, day_unrealized = excluded.day_unrealized, updated_by = excluded.updated_by, updated_at = excluded.updated_at");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)record.HouseAccountId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(record.Settings, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = record.PausedByStaff });
        cmd.Parameters.Add(new NpgsqlParameter { Value = record.PausedAtLimit });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)record.LimitReason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)record.DayNumber ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = record.DayStart.Realized });
        cmd.Parameters.Add(new NpgsqlParameter { Value = record.DayStart.Unrealized });
        cmd.Parameters.Add(new NpgsqlParameter { Value = actor });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
