using CampTrading.Core.Trading;
using Npgsql;

namespace CampTrading.Web.TradingApi;

/// <summary>A student's recent orders from the query table <c>orders</c> (written from engine events; it may trail the engine briefly).</summary>
public sealed class ApiHistory(NpgsqlDataSource dataSource)
{
    public sealed record OrderRow(long Id, int InstrumentId, Side Side, long Price, long Quantity, long Filled, string Status, string? CancelReason, DateTimeOffset Time);

    public async Task<IReadOnlyList<OrderRow>> RecentOrdersAsync(int accountId, int count, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            "select id, instrument_id, side, price, quantity, filled, status, cancel_reason, ts from orders where account_id = $1 order by id desc limit $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = accountId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = count });
        var rows = new List<OrderRow>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new OrderRow(reader.GetInt64(0), reader.GetInt32(1), (Side)reader.GetInt16(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8)));
        return rows;
    }
}
