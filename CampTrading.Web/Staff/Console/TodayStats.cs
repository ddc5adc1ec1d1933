using CampTrading.Web.Exchange;
using Npgsql;

namespace CampTrading.Web.Staff.Console;

public sealed record TradingDay(long Trades, long Volume, long Value);

/// <summary>Trades, shares and points traded since midnight in the camp's time zone, from the trades query table (cached briefly).</summary>
public sealed class TodayStats(NpgsqlDataSource dataSource, ExchangeService exchange, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private volatile Cached? _cached;

    public async Task<TradingDay> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cached is { } cached && now - cached.At < CacheFor) return cached.Day;
        // Two staff pages refreshing at once may both query: harmless, and cheaper than a lock to dispose.
        var local = TimeZoneInfo.ConvertTime(now, exchange.Market.TimeZone);
        var midnight = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
        await using var command = dataSource.CreateCommand(
            "select count(*), coalesce(sum(quantity), 0)::bigint, coalesce(sum(price * quantity), 0)::bigint from trades where ts >= $1");
        command.Parameters.AddWithValue(midnight);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var day = new TradingDay(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        _cached = new Cached(now, day);
        return day;
    }

    private sealed record Cached(DateTimeOffset At, TradingDay Day);
}
