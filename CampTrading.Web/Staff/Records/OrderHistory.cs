using CampTrading.Core.Trading;
using CampTrading.Web.Exchange;
using Npgsql;

namespace CampTrading.Web.Staff.Records;

/// <summary>
/// A filter over every order of the camp, newest first. <see cref="Origin"/> null means every origin; Unknown means orders
/// written before origins were recorded. <see cref="Status"/> is open, filled or cancelled. <see cref="BeforeId"/> is the keyset
/// cursor: the page starts after (older than) that order.
/// </summary>
public sealed record OrderHistoryQuery(
    OrderOrigin? Origin = null,
    int? InstrumentId = null,
    int? AccountId = null,
    string? Status = null,
    long? BeforeId = null,
    int PageSize = OrderHistoryQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public static IReadOnlyList<string> Statuses { get; } = ["open", "filled", "cancelled"];
}

/// <summary>One order as the query table holds it: price 0 is a market order.</summary>
public sealed record OrderHistoryRow(long Id, DateTimeOffset At, int AccountId, int InstrumentId, Side Side, long Price, long Quantity,
    long Filled, string Status, string? CancelReason, OrderOrigin Origin);

/// <summary><see cref="NextBeforeId"/> is null on the last page.</summary>
public sealed record OrderHistoryPage(IReadOnlyList<OrderHistoryRow> Rows, long? NextBeforeId);

/// <summary>
/// The camp's orders from the query table <c>orders</c> (written from engine events, so it may trail the engine briefly), for
/// the staff console: who traded through the web, Telegram, a bot or the house. Keyset pages by id, one index read each.
/// </summary>
public sealed class OrderHistory(NpgsqlDataSource dataSource)
{
    public async Task<OrderHistoryPage> PageAsync(OrderHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, OrderHistoryQuery.MaxPageSize);
        await using var command = dataSource.CreateCommand();
        var where = Where(query, command);
        command.CommandText =
            "select id, ts, account_id, instrument_id, side, price, quantity, filled, status, cancel_reason, origin from orders"
            + where + $" order by id desc limit {size + 1}";
        var rows = new List<OrderHistoryRow>(size + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new OrderHistoryRow(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2), reader.GetInt32(3),
                    (Side)reader.GetInt16(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9), OriginOf(reader.IsDBNull(10) ? null : reader.GetString(10))));
            }
        }
        if (rows.Count <= size) return new OrderHistoryPage(rows, null);
        rows.RemoveAt(size);
        return new OrderHistoryPage(rows, rows[^1].Id);
    }

    /// <summary>How many orders each origin placed since <paramref name="since"/> (origins with none are absent).</summary>
    public async Task<IReadOnlyDictionary<OrderOrigin, long>> CountsByOriginAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select origin, count(*) from orders where ts >= $1 group by origin");
        command.Parameters.AddWithValue(since.ToUniversalTime());
        var counts = new Dictionary<OrderOrigin, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var origin = OriginOf(reader.IsDBNull(0) ? null : reader.GetString(0));
            counts[origin] = counts.GetValueOrDefault(origin) + reader.GetInt64(1);
        }
        return counts;
    }

    /// <summary>Only the active filters appear in the SQL, each as a positional parameter.</summary>
    private static string Where(OrderHistoryQuery query, NpgsqlCommand command)
    {
        var conditions = new List<string>();
        void Add(string condition, object value)
        {
            command.Parameters.AddWithValue(value);
            conditions.Add(condition.Replace("?", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }
        if (query.Origin is { } origin)
        {
            if (QueryTablePersister.OriginName(origin) is { } name) Add("origin = ?", name);
            else conditions.Add("origin is null");
        }
        if (query.InstrumentId is { } instrument) Add("instrument_id = ?", instrument);
        if (query.AccountId is { } account) Add("account_id = ?", account);
        if (query.Status is { } status) Add("status = ?", status);
        if (query.BeforeId is { } before) Add("id < ?", before);
        return conditions.Count == 0 ? "" : " where " + string.Join(" and ", conditions);
    }

    private static OrderOrigin OriginOf(string? name) => name switch
    {
        "web" => OrderOrigin.Web,
        "telegram" => OrderOrigin.Telegram,
        "api" => OrderOrigin.Api,
        "house" => OrderOrigin.House,
        _ => OrderOrigin.Unknown,
    };
}
