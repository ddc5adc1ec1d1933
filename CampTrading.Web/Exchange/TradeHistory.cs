using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using Npgsql;

namespace CampTrading.Web.Exchange;

/// <summary>History queries over the query tables.</summary>
public sealed class TradeHistory(NpgsqlDataSource dataSource)
{
    private const int MaxWarmTrades = 200_000;

    public async Task<long> LatestSnapshotSeqAsync(long maxSeq, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(seq), 0) from snapshots where seq <= $1");
        command.Parameters.AddWithValue(maxSeq);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>One account's most recent trades (as buyer or seller), newest first.</summary>
    public async Task<IReadOnlyList<TradeView>> AccountTradesAsync(int accountId, int count, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select id, seq, ts, instrument_id, price, quantity, taker_side, buyer_id, seller_id, buy_order_id, sell_order_id
            from trades where buyer_id = $1 or seller_id = $1 order by id desc limit $2
            """);
        command.Parameters.AddWithValue(accountId);
        command.Parameters.AddWithValue(count);
        return await ReadTradesAsync(command, cancellationToken);
    }

    /// <summary>The most recent trades up to a journal seq, oldest first (to warm the tape and candles).</summary>
    public async Task<IReadOnlyList<TradeView>> TradesUpToAsync(long seq, CancellationToken cancellationToken)
    {
        if (seq == 0) return [];
        await using var command = dataSource.CreateCommand(
            """
            select * from (
              select id, seq, ts, instrument_id, price, quantity, taker_side, buyer_id, seller_id, buy_order_id, sell_order_id
              from trades where seq <= $1 order by id desc limit $2) t
            order by id
            """);
        command.Parameters.AddWithValue(seq);
        command.Parameters.AddWithValue(MaxWarmTrades);
        return await ReadTradesAsync(command, cancellationToken);
    }

    /// <summary>The most recent feed prices up to a journal seq, oldest first (to warm feed instruments' candles).</summary>
    public async Task<IReadOnlyList<(int InstrumentId, DateTimeOffset Time, long Price)>> FeedPricesUpToAsync(long seq, CancellationToken cancellationToken)
    {
        var prices = new List<(int, DateTimeOffset, long)>();
        if (seq == 0) return prices;
        await using var command = dataSource.CreateCommand(
            """
            select * from (
              select instrument_id, ts, price, seq from feed_prices where seq <= $1 order by seq desc limit $2) p
            order by seq
            """);
        command.Parameters.AddWithValue(seq);
        command.Parameters.AddWithValue(MaxWarmTrades);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            prices.Add((reader.GetInt32(0), new DateTimeOffset(reader.GetDateTime(1)), reader.GetInt64(2)));
        return prices;
    }

    private static async Task<IReadOnlyList<TradeView>> ReadTradesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var trades = new List<TradeView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            trades.Add(new TradeView(reader.GetInt64(0), reader.GetInt64(1), new DateTimeOffset(reader.GetDateTime(2)),
                reader.GetInt32(3), reader.GetInt64(4), reader.GetInt64(5), (Side)reader.GetInt16(6), reader.GetInt32(7),
                reader.GetInt32(8), reader.GetInt64(9), reader.GetInt64(10)));
        }
        return trades;
    }
}
