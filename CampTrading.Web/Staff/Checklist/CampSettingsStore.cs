using Npgsql;

namespace CampTrading.Web.Staff.Checklist;

/// <summary>A stored camp setting or first-day fact: its value, who set it and when.</summary>
public sealed record CampSetting(string Name, string Value, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The <c>camp_settings</c> table (migration 0010): one row per name, the last writer wins.</summary>
public sealed class CampSettingsStore(NpgsqlDataSource dataSource)
{
    public const string PublicAddress = "public_address";
    public const string BadgesPrinted = "badges_printed";
    public const string QrPrinted = "qr_printed";
    public const string IpoReviewed = "ipo_reviewed";

    public async Task<IReadOnlyDictionary<string, CampSetting>> AllAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select name, value, updated_by, updated_at from camp_settings");
        var settings = new Dictionary<string, CampSetting>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            settings[reader.GetString(0)] = new CampSetting(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
        return settings;
    }

    public async Task<CampSetting?> GetAsync(string name, CancellationToken ct = default) =>
        (await AllAsync(ct)).GetValueOrDefault(name);

    public async Task SetAsync(string name, string value, string actor, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "insert into camp_settings (name, value, updated_by, updated_at) values ($1, $2, $3, now()) " +
            "on conflict (name) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at");
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        cmd.Parameters.Add(new NpgsqlParameter { Value = actor });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records a first-day fact; a database failure is swallowed (the checklist step just stays open).</summary>
    public async Task TryRecordAsync(string name, string value, string actor, CancellationToken ct = default)
    {
        try { await SetAsync(name, value, actor, ct); }
        catch (NpgsqlException) { }
    }

    public async Task DeleteAsync(string name, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("delete from camp_settings where name = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
