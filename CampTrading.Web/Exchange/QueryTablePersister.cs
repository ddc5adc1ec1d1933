using System.Threading.Channels;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Trading;
using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.Exchange;

/// <summary>
/// Writes orders, trades and ledger entries from engine events into query tables, off the
/// engine thread. Each write carries the journal seq it reaches in the same transaction, so
/// after a crash the rest is rebuilt from replay without duplicates.
/// </summary>
public sealed class QueryTablePersister(NpgsqlDataSource dataSource, ILogger<QueryTablePersister> logger) : IEngineObserver
{
    private readonly Channel<EngineEvent[]> _pending = Channel.CreateUnbounded<EngineEvent[]>(new() { SingleReader = true });
    private long _watermark = long.MaxValue;

    public long Watermark => Volatile.Read(ref _watermark);
    private int _backlog;
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The one way to wait for the query tables (orders, trades, ledger) to hold everything up to <paramref name="seq"/>, e.g.
    /// the seq of an acknowledged command that wrote orders, trades or ledger entries (one that wrote none never moves the
    /// watermark). True once they do; false when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<bool> WaitForAsync(long seq, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var advanced = Volatile.Read(ref _advanced).Task;
            var watermark = Watermark;
            if (watermark != long.MaxValue && watermark >= seq) return true;
            try
            {
                await advanced.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    private void Advance(long seq)
    {
        Volatile.Write(ref _watermark, seq);
        Interlocked.Exchange(ref _advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Engine batches waiting to be written.</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    public async Task<long> LoadWatermarkAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select seq from projection_watermark where name = 'query_tables'");
        var seq = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        Advance(seq);
        return seq;
    }

    public void OnBatch(ExchangeEngine engine, ReadOnlySpan<EngineEvent> events)
    {
        var watermark = Watermark;
        var start = 0;
        while (start < events.Length && events[start].Seq <= watermark) start++;
        if (start < events.Length && _pending.Writer.TryWrite(events[start..].ToArray())) Interlocked.Increment(ref _backlog);
    }

    public void Complete() => _pending.Writer.TryComplete();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var reader = _pending.Reader;
        var batch = new List<EngineEvent>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var taken = 0;
            while (batch.Count < 50_000 && reader.TryRead(out var events))
            {
                batch.AddRange(events);
                taken++;
            }
            var delay = TimeSpan.FromMilliseconds(100);
            while (true)
            {
                try
                {
                    await WriteAsync(batch, CancellationToken.None);
                    break;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Writing query tables failed; retrying in {Delay}", delay);
                    await Task.Delay(delay, CancellationToken.None);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                }
            }
            batch.Clear();
            Interlocked.Add(ref _backlog, -taken);
        }
    }

    private async Task WriteAsync(List<EngineEvent> events, CancellationToken cancellationToken)
    {
        var rows = QueryRows.From(events);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);

        // A COPY costs the server a round of its own even with no rows (an arcade play has no trade), so none is opened empty.
        if (rows.Ledger.Count > 0)
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "copy ledger_entries (seq, ts, account_id, asset, amount, balance_after, kind, reference, counterparty) from stdin (format binary)", cancellationToken);
            foreach (var e in rows.Ledger)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(e.Seq, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(Utc(e.Time), NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(e.Account, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(e.Asset, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(e.Amount, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(e.BalanceAfter, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(LedgerKindName(e.LedgerKind), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(e.Reference, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(e.Other, NpgsqlDbType.Integer, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }

        if (rows.Trades.Count > 0)
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "copy trades (id, seq, ts, instrument_id, price, quantity, taker_side, buyer_id, seller_id, buy_order_id, sell_order_id) from stdin (format binary)", cancellationToken);
            foreach (var t in rows.Trades)
            {
                var takerBuys = t.Side == Side.Buy;
                await importer.WriteRowAsync(cancellationToken, t.Reference, t.Seq, Utc(t.Time), t.Asset, t.Price, t.Quantity, (short)t.Side,
                    takerBuys ? t.Account : t.Other, takerBuys ? t.Other : t.Account, takerBuys ? t.Order : t.OtherOrder, takerBuys ? t.OtherOrder : t.Order);
            }
            await importer.CompleteAsync(cancellationToken);
        }

        if (rows.FeedPrices.Count > 0)
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "copy feed_prices (seq, instrument_id, ts, price, feed_ts) from stdin (format binary)", cancellationToken);
            foreach (var p in rows.FeedPrices)
                await importer.WriteRowAsync(cancellationToken, p.Seq, p.Asset, Utc(p.Time), p.Price, Utc(Math.Max(p.Reference, 0)));
            await importer.CompleteAsync(cancellationToken);
        }

        await using var batch = new NpgsqlBatch(connection, tx);
        if (rows.NewOrders.Count > 0) batch.BatchCommands.Add(InsertOrders(rows.NewOrders));
        if (rows.OrderUpdates.Count > 0) batch.BatchCommands.Add(UpdateOrders(rows.OrderUpdates));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("update projection_watermark set seq = $1 where name = 'query_tables'")
        {
            Parameters = { new() { Value = rows.MaxSeq } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        Advance(rows.MaxSeq);
    }

    private static NpgsqlBatchCommand InsertOrders(IReadOnlyList<QueryRows.OrderRow> orders) => new(
        """
        insert into orders (id, seq, ts, account_id, instrument_id, side, price, quantity, filled, status, cancel_reason, updated_at, origin)
        select * from unnest($1::bigint[], $2::bigint[], $3::timestamptz[], $4::int[], $5::int[], $6::smallint[], $7::bigint[],
                             $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::timestamptz[], $13::text[])
        on conflict (id) do nothing
        """)
    {
        Parameters =
        {
            new() { Value = orders.Select(o => o.Id).ToArray() },
            new() { Value = orders.Select(o => o.Seq).ToArray() },
            new() { Value = orders.Select(o => Utc(o.Time)).ToArray() },
            new() { Value = orders.Select(o => o.Account).ToArray() },
            new() { Value = orders.Select(o => o.Instrument).ToArray() },
            new() { Value = orders.Select(o => (short)o.Side).ToArray() },
            new() { Value = orders.Select(o => o.Price).ToArray() },
            new() { Value = orders.Select(o => o.Quantity).ToArray() },
            new() { Value = orders.Select(o => o.Filled).ToArray() },
            new() { Value = orders.Select(o => o.Status).ToArray() },
            new() { Value = orders.Select(o => o.CancelReason).ToArray() },
            new() { Value = orders.Select(o => Utc(o.UpdatedAt)).ToArray() },
            new() { Value = orders.Select(o => OriginName(o.Origin)).ToArray() },
        },
    };

    private static NpgsqlBatchCommand UpdateOrders(IReadOnlyList<QueryRows.OrderUpdate> updates) => new(
        """
        update orders o set filled = o.filled + u.filled,
            status = case when u.status = 'open' then (case when o.filled + u.filled >= o.quantity then 'filled' else o.status end) else u.status end,
            cancel_reason = coalesce(u.reason, o.cancel_reason), updated_at = u.at
        from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[]) as u(id, filled, status, reason, at)
        where o.id = u.id
        """)
    {
        Parameters =
        {
            new() { Value = updates.Select(u => u.Id).ToArray() },
            new() { Value = updates.Select(u => u.FilledDelta).ToArray() },
            new() { Value = updates.Select(u => u.Status).ToArray() },
            new() { Value = updates.Select(u => u.CancelReason).ToArray() },
            new() { Value = updates.Select(u => Utc(u.UpdatedAt)).ToArray() },
        },
    };

    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    /// <summary>The origin as stored in <c>orders.origin</c>: web, telegram, api, house; null when not recorded.</summary>
    public static string? OriginName(OrderOrigin origin) =>
        origin == OrderOrigin.Unknown ? null : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(origin.ToString());

    public static string LedgerKindName(LedgerKind kind) => kind switch
    {
        LedgerKind.Trade => "trade",
        LedgerKind.Issue => "issue",
        LedgerKind.Grant => "grant",
        LedgerKind.DebtRepayment => "debt_repayment",
        _ => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString()),
    };
}
