using CampTrading.Core.Engine;
using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.Exchange;

/// <summary>
/// One row of an account's ledger, as the query tables hold it. <see cref="PageAsync"/> adds what a student reads beside it:
/// for a trade, the trade itself (never the other side's name); for a transfer or grant, the note that came with it.
/// </summary>
public sealed record LedgerEntryRow(long Id, long Seq, DateTimeOffset Time, int AccountId, int Asset, long Amount,
    long BalanceAfter, LedgerKind Kind, long Reference, int Counterparty, LedgerTrade? Trade = null, string? Note = null);

/// <summary>The trade behind a trade entry, from this account's side: bought or sold, how many of which instrument, at what price.</summary>
public sealed record LedgerTrade(int InstrumentId, bool Bought, long Quantity, long Price);

/// <summary>
/// Which entries of one account to show: optional kinds, asset (0 = points, i = instrument i) and time range
/// [From, To); keyset paging with <see cref="BeforeId"/> (the previous page's <see cref="LedgerPage.NextBeforeId"/>).
/// </summary>
public sealed record LedgerQuery(
    int AccountId,
    IReadOnlyCollection<LedgerKind>? Kinds = null,
    int? Asset = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? BeforeId = null,
    int PageSize = LedgerQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}

/// <summary>Newest first. <see cref="NextBeforeId"/> is null on the last page.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEntryRow> Entries, long? NextBeforeId);

/// <summary>What a ledger grid may sort by (a whitelist: the column names never come from the browser).</summary>
public enum LedgerSortColumn { Time, Amount }

/// <summary>
/// One page of an account's ledger for a data grid: offset paging (one account's ledger is thousands of rows at most)
/// sorted by time or amount, newest first by default.
/// </summary>
public sealed record LedgerGridQuery(int AccountId, int Offset, int PageSize, LedgerSortColumn Sort = LedgerSortColumn.Time, bool Descending = true);

/// <summary>The rows of one grid page and how many rows the account has in all.</summary>
public sealed record LedgerGridPage(IReadOnlyList<LedgerEntryRow> Entries, int Total);

/// <summary>
/// Per-account ledger history (point history pages, the staff user detail, audit) from <c>ledger_entries</c>,
/// newest first, using the <c>(account_id, id desc)</c> index. Reads the query tables only, never the engine.
/// </summary>
public sealed class LedgerHistory(NpgsqlDataSource dataSource)
{
    private static readonly Dictionary<string, LedgerKind> KindsByName =
        Enum.GetValues<LedgerKind>().ToDictionary(QueryTablePersister.LedgerKindName);

    public async Task<LedgerPage> PageAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, LedgerQuery.MaxPageSize);
        // The page is cut first (the account's index), then each of its rows is joined to its trade or its command's note.
        await using var command = dataSource.CreateCommand(
            """
            select l.id, l.seq, l.ts, l.account_id, l.asset, l.amount, l.balance_after, l.kind, l.reference, l.counterparty,
                   t.instrument_id, t.buyer_id = l.account_id, t.quantity, t.price,
                   coalesce(j.payload->>'memo', j.payload->>'reason')
            from (
                select id, seq, ts, account_id, asset, amount, balance_after, kind, reference, counterparty
                from ledger_entries
                where account_id = $1
                  and ($2::text[] is null or kind = any($2))
                  and ($3::int is null or asset = $3)
                  and ($4::timestamptz is null or ts >= $4)
                  and ($5::timestamptz is null or ts < $5)
                  and ($6::bigint is null or id < $6)
                order by id desc
                limit $7
            ) l
            left join trades t on l.kind = 'trade' and t.id = l.reference
            left join journal j on l.kind in ('transfer', 'grant') and j.seq = l.seq
            order by l.id desc
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = query.AccountId, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(Nullable(query.Kinds?.Select(QueryTablePersister.LedgerKindName).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(query.Asset, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(query.From?.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(query.To?.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(query.BeforeId, NpgsqlDbType.Bigint));
        command.Parameters.Add(new NpgsqlParameter { Value = size + 1, NpgsqlDbType = NpgsqlDbType.Integer });

        var entries = new List<LedgerEntryRow>(size + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(Read(reader) with
                {
                    Trade = reader.IsDBNull(10) ? null : new LedgerTrade(reader.GetInt32(10), reader.GetBoolean(11), reader.GetInt64(12), reader.GetInt64(13)),
                    Note = reader.IsDBNull(14) ? null : reader.GetString(14),
                });
            }
        }
        if (entries.Count <= size) return new LedgerPage(entries, null);
        entries.RemoveAt(size);
        return new LedgerPage(entries, entries[^1].Id);
    }

    /// <summary>One page for a grid: sorted and paged in SQL, with the account's row count for the pager.</summary>
    public async Task<LedgerGridPage> GridPageAsync(LedgerGridQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, LedgerQuery.MaxPageSize);
        var direction = query.Descending ? "desc" : "asc";
        var order = query.Sort switch
        {
            LedgerSortColumn.Amount => $"amount {direction}, id desc",
            _ => $"id {direction}",
        };
        int total;
        await using (var count = dataSource.CreateCommand("select count(*) from ledger_entries where account_id = $1"))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = query.AccountId, NpgsqlDbType = NpgsqlDbType.Integer });
            total = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        await using var command = dataSource.CreateCommand(
            $"""
            select id, seq, ts, account_id, asset, amount, balance_after, kind, reference, counterparty
            from ledger_entries
            where account_id = $1
            order by {order}
            offset $2 limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = query.AccountId, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, query.Offset), NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = size, NpgsqlDbType = NpgsqlDbType.Integer });
        var entries = new List<LedgerEntryRow>(size);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                entries.Add(Read(reader));
        }
        return new LedgerGridPage(entries, total);
    }

    private static LedgerEntryRow Read(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetInt64(1),
            new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)), reader.GetInt32(3),
            reader.GetInt32(4), reader.GetInt64(5), reader.GetInt64(6), ParseKind(reader.GetString(7)),
            reader.GetInt64(8), reader.GetInt32(9));

    public static LedgerKind ParseKind(string name) =>
        KindsByName.TryGetValue(name, out var kind) ? kind : throw new FormatException($"Unknown ledger kind '{name}'.");

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
