using Npgsql;

namespace CampTrading.Web.Telegram.Hosting;

/// <summary>The bot's durable counters and mutes (migration 0005_telegram.sql).</summary>
public sealed class TelegramStateStore(NpgsqlDataSource dataSource)
{
    public const string UpdateOffset = "update_offset";
    public const string NotifiedLedgerId = "notified_ledger_id";

    public async Task<long?> GetAsync(string name, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select value from telegram_state where name = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        return await cmd.ExecuteScalarAsync(ct) is long value ? value : null;
    }

    public async Task SetAsync(string name, long value, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "insert into telegram_state (name, value) values ($1, $2) on conflict (name) do update set value = excluded.value");
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Raises the value to <paramref name="value"/> unless it is already higher; true when this call raised it.</summary>
    public async Task<bool> AdvanceAsync(string name, long value, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "insert into telegram_state (name, value) values ($1, $2) on conflict (name) do update set value = excluded.value " +
            "where telegram_state.value < excluded.value");
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<IReadOnlySet<string>> MutesAsync(long telegramUserId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select kind from telegram_mutes where telegram_user_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = telegramUserId });
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) kinds.Add(reader.GetString(0));
        return kinds;
    }

    /// <summary>Telegram users who muted <paramref name="kind"/>.</summary>
    public async Task<IReadOnlySet<long>> MutedByAsync(string kind, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select telegram_user_id from telegram_mutes where kind = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = kind });
        var users = new HashSet<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) users.Add(reader.GetInt64(0));
        return users;
    }

    public async Task SetMutedAsync(long telegramUserId, string kind, bool muted, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(muted
            ? "insert into telegram_mutes (telegram_user_id, kind) values ($1, $2) on conflict do nothing"
            : "delete from telegram_mutes where telegram_user_id = $1 and kind = $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = telegramUserId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = kind });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
