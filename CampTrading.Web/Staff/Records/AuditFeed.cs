using System.Globalization;
using System.Text;
using CampTrading.Core.Engine;
using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.Staff.Records;

/// <summary>Which of the two record streams to read.</summary>
public enum AuditSource
{
    All,
    /// <summary>Staff actions: the <c>audit_log</c> table.</summary>
    Staff,
    /// <summary>Every ledger entry: the <c>ledger_entries</c> query table.</summary>
    Ledger,
}

/// <summary>
/// Where a page ends: its last row's time, stream and id. Rows are ordered newest first by (time, staff before ledger, id),
/// or exactly the reverse when the query asks for <see cref="AuditQuery.OldestFirst"/>.
/// </summary>
public sealed record AuditCursor(DateTimeOffset At, bool IsStaffAction, long Id);

/// <summary>
/// A filter over both streams. <see cref="Kind"/> is a staff action name (<c>student.grant</c>) or a ledger kind name
/// (<c>grant</c>, <c>trade</c>, …) and matches exactly; <see cref="AccountId"/> is the person (their ledger, and staff actions whose
/// details name the account or whose target is <see cref="ExternalId"/>); <see cref="Staff"/> is the acting staff member (for
/// ledger entries: the actor of the command behind it); the time range is [From, To). <see cref="OldestFirst"/> reverses the
/// order (and the meaning of <see cref="After"/> with it).
/// </summary>
public sealed record AuditQuery(
    AuditSource Source = AuditSource.All,
    string? Kind = null,
    int? AccountId = null,
    string? ExternalId = null,
    string? Staff = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    AuditCursor? After = null,
    int PageSize = AuditQuery.DefaultPageSize,
    bool OldestFirst = false)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1_000;
}

/// <summary>
/// One record: a staff action (Actor, Kind = action, Target, Details JSON, AccountId when the details name one) or a ledger entry
/// (Kind = ledger kind, AccountId, Asset, Amount, BalanceAfter, Details = reference and counterparty, Actor = who submitted it).
/// </summary>
public sealed record AuditRow(DateTimeOffset At, bool IsStaffAction, long Id, string Kind, string? Actor, int? AccountId,
    string? Target, int? Asset, long? Amount, long? BalanceAfter, string Details)
{
    public AuditCursor Cursor => new(At, IsStaffAction, Id);
}

/// <summary>Newest first; <see cref="Next"/> is null on the last page.</summary>
public sealed record AuditFeedPage(IReadOnlyList<AuditRow> Rows, AuditCursor? Next);

/// <summary>
/// Staff actions and ledger entries as one newest-first stream. Each source is read with its own index-ordered, keyset-bounded
/// query (only the active filters appear in the SQL, so the planner picks the matching index of migration 0007), and the two
/// sorted pages are merged.
/// </summary>
public sealed class AuditFeed(NpgsqlDataSource dataSource)
{
    public async Task<AuditFeedPage> PageAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize);
        var rows = new List<AuditRow>(2 * size + 2);
        if (query.Source != AuditSource.Ledger) rows.AddRange(await ReadAsync(StaffCommand(query, size + 1), ReadStaffRow, cancellationToken));
        if (query.Source != AuditSource.Staff) rows.AddRange(await ReadAsync(LedgerCommand(query, size + 1), ReadLedgerRow, cancellationToken));
        rows.Sort(query.OldestFirst ? (x, y) => NewestFirst(y, x) : NewestFirst);
        if (rows.Count <= size) return new AuditFeedPage(rows, null);
        rows.RemoveRange(size, rows.Count - size);
        return new AuditFeedPage(rows, rows[^1].Cursor);
    }

    /// <summary>Every matching row, newest first, read page by page (for exports of any size).</summary>
    public async IAsyncEnumerable<AuditRow> AllAsync(AuditQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var next = query with { After = null, PageSize = AuditQuery.MaxPageSize };
        while (true)
        {
            var page = await PageAsync(next, cancellationToken);
            foreach (var row in page.Rows) yield return row;
            if (page.Next is null) yield break;
            next = next with { After = page.Next };
        }
    }

    /// <summary>How many rows match the query's filters (its cursor and page size aside): for a grid's pager.</summary>
    public async Task<long> CountAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand();
        var parts = new List<string>();
        if (query.Source != AuditSource.Ledger) parts.Add($"(select count(*) from audit_log {Where(StaffWhere(command, query, withCursor: false))})");
        if (query.Source != AuditSource.Staff) parts.Add($"(select count(*) from {LedgerFrom(query)} {Where(LedgerWhere(command, query, withCursor: false))})");
        command.CommandText = "select " + string.Join(" + ", parts);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The cursor of the row at <paramref name="position"/> (0-based, in the query's order; its own cursor aside), or null past the
    /// end: the page that starts at row n is <c>PageAsync(query with { After = CursorAtAsync(query, n - 1) })</c>. For a grid pager's
    /// jumps: the database walks the keys of both streams (one offset query) and only that one key comes back.
    /// </summary>
    public async Task<AuditCursor?> CursorAtAsync(AuditQuery query, long position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        await using var command = dataSource.CreateCommand();
        var parts = new List<string>();
        if (query.Source != AuditSource.Ledger)
            parts.Add($"select at, true as staff, id from audit_log {Where(StaffWhere(command, query, withCursor: false))}");
        if (query.Source != AuditSource.Staff)
            parts.Add($"select l.ts as at, false as staff, l.id as id from {LedgerFrom(query)} {Where(LedgerWhere(command, query, withCursor: false))}");
        var direction = query.OldestFirst ? "asc" : "desc";
        command.CommandText =
            $"select at, staff, id from ({string.Join(" union all ", parts)}) keys " +
            $"order by at {direction}, staff {direction}, id {direction} offset {Add(command, position, NpgsqlDbType.Bigint)} limit 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new AuditCursor(Utc(reader.GetDateTime(0)), reader.GetBoolean(1), reader.GetInt64(2)) : null;
    }

    /// <summary>The distinct staff action names and staff members seen, for the filter lists.</summary>
    public async Task<(IReadOnlyList<string> Actions, IReadOnlyList<string> Actors)> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        return (await DistinctAsync("action", cancellationToken), await DistinctAsync("actor", cancellationToken));
    }

    /// <summary><c>explain</c> of the queries a page would run (staff part, then ledger part): for checking index use.</summary>
    public async Task<IReadOnlyList<string>> ExplainAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize) + 1;
        var plans = new List<string>();
        foreach (var command in new[] { StaffCommand(query, size), LedgerCommand(query, size) })
        {
            await using (command)
            {
                command.CommandText = "explain " + command.CommandText;
                var plan = new StringBuilder();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) plan.AppendLine(reader.GetString(0));
                plans.Add(plan.ToString());
            }
        }
        return plans;
    }

    private static int NewestFirst(AuditRow x, AuditRow y)
    {
        var byTime = y.At.CompareTo(x.At);
        if (byTime != 0) return byTime;
        if (x.IsStaffAction != y.IsStaffAction) return x.IsStaffAction ? -1 : 1;
        return y.Id.CompareTo(x.Id);
    }

    private NpgsqlCommand StaffCommand(AuditQuery q, int limit)
    {
        var command = dataSource.CreateCommand();
        var where = StaffWhere(command, q, withCursor: true);
        var direction = q.OldestFirst ? "asc" : "desc";
        command.CommandText =
            $"""
            select id, at, actor, action, target, details::text, details->>'accountId'
            from audit_log
            {Where(where)}
            order by at {direction}, id {direction}
            limit {Add(command, limit, NpgsqlDbType.Integer)}
            """;
        return command;
    }

    private static List<string> StaffWhere(NpgsqlCommand command, AuditQuery q, bool withCursor)
    {
        var where = new List<string>();
        if (q.Kind is not null) where.Add("action = " + Add(command, q.Kind, NpgsqlDbType.Text));
        if (q.Staff is not null) where.Add("actor = " + Add(command, q.Staff, NpgsqlDbType.Text));
        if (q.AccountId is not null)
        {
            var account = "details->>'accountId' = " + Add(command, q.AccountId.Value.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text);
            where.Add(q.ExternalId is null ? account : $"({account} or target = {Add(command, q.ExternalId, NpgsqlDbType.Text)})");
        }
        if (q.From is not null) where.Add("at >= " + Add(command, q.From.Value.UtcDateTime, NpgsqlDbType.TimestampTz));
        if (q.To is not null) where.Add("at < " + Add(command, q.To.Value.UtcDateTime, NpgsqlDbType.TimestampTz));
        if (withCursor && q.After is { } after)
        {
            var at = Add(command, after.At.UtcDateTime, NpgsqlDbType.TimestampTz);
            // Newest first, staff rows sort before ledger rows of the same instant: after a ledger row only older staff rows follow.
            // Oldest first is the exact reverse: after a ledger row, staff rows of the same instant still follow.
            where.Add((after.IsStaffAction, q.OldestFirst) switch
            {
                (true, false) => $"(at, id) < ({at}, {Add(command, after.Id, NpgsqlDbType.Bigint)})",
                (false, false) => $"at < {at}",
                (true, true) => $"(at, id) > ({at}, {Add(command, after.Id, NpgsqlDbType.Bigint)})",
                (false, true) => $"at >= {at}",
            });
        }
        return where;
    }

    private NpgsqlCommand LedgerCommand(AuditQuery q, int limit)
    {
        var command = dataSource.CreateCommand();
        var where = LedgerWhere(command, q, withCursor: true);
        var direction = q.OldestFirst ? "asc" : "desc";
        command.CommandText =
            $"""
            select l.id, l.ts, j.payload->>'actor', l.kind, l.account_id, l.asset, l.amount, l.balance_after, l.reference, l.counterparty
            from ledger_entries l
            left join journal j on j.seq = l.seq
            {Where(where)}
            order by l.ts {direction}, l.id {direction}
            limit {Add(command, limit, NpgsqlDbType.Integer)}
            """;
        return command;
    }

    /// <summary>The ledger side's tables for counting and jumping: the journal only when the staff filter needs the actor.</summary>
    private static string LedgerFrom(AuditQuery q) =>
        q.Staff is null ? "ledger_entries l" : "ledger_entries l left join journal j on j.seq = l.seq";

    private static List<string> LedgerWhere(NpgsqlCommand command, AuditQuery q, bool withCursor)
    {
        var where = new List<string>();
        if (q.Kind is not null) where.Add("l.kind = " + Add(command, q.Kind, NpgsqlDbType.Text));
        if (q.Staff is not null) where.Add("j.payload->>'actor' = " + Add(command, q.Staff, NpgsqlDbType.Text) + " and j.payload ? 'actor'");
        if (q.AccountId is not null) where.Add("l.account_id = " + Add(command, q.AccountId.Value, NpgsqlDbType.Integer));
        if (q.From is not null) where.Add("l.ts >= " + Add(command, q.From.Value.UtcDateTime, NpgsqlDbType.TimestampTz));
        if (q.To is not null) where.Add("l.ts < " + Add(command, q.To.Value.UtcDateTime, NpgsqlDbType.TimestampTz));
        if (withCursor && q.After is { } after)
        {
            var at = Add(command, after.At.UtcDateTime, NpgsqlDbType.TimestampTz);
            where.Add((after.IsStaffAction, q.OldestFirst) switch
            {
                (true, false) => $"l.ts <= {at}",
                (false, false) => $"(l.ts, l.id) < ({at}, {Add(command, after.Id, NpgsqlDbType.Bigint)})",
                (true, true) => $"l.ts > {at}",
                (false, true) => $"(l.ts, l.id) > ({at}, {Add(command, after.Id, NpgsqlDbType.Bigint)})",
            });
        }
        return where;
    }

    private static string Where(List<string> conditions) => conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions);

    private static string Add(NpgsqlCommand command, object value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
        return "$" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<List<AuditRow>> ReadAsync(NpgsqlCommand command, Func<NpgsqlDataReader, AuditRow> read, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var rows = new List<AuditRow>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
            return rows;
        }
    }

    private static AuditRow ReadStaffRow(NpgsqlDataReader r) => new(
        Utc(r.GetDateTime(1)), true, r.GetInt64(0), r.GetString(3), r.GetString(2),
        r.IsDBNull(6) || !int.TryParse(r.GetString(6), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var account) ? null : account,
        r.IsDBNull(4) ? null : r.GetString(4), null, null, null, r.GetString(5));

    private static AuditRow ReadLedgerRow(NpgsqlDataReader r) => new(
        Utc(r.GetDateTime(1)), false, r.GetInt64(0), r.GetString(3), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(4),
        null, r.GetInt32(5), r.GetInt64(6), r.GetInt64(7),
        string.Create(CultureInfo.InvariantCulture, $"ref {r.GetInt64(8)} · counterparty {r.GetInt32(9)}"));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private async Task<IReadOnlyList<string>> DistinctAsync(string column, CancellationToken cancellationToken)
    {
        // A loose index scan over the (column, at, id) index: one probe per distinct value, however long the log.
        await using var command = dataSource.CreateCommand(
            $"""
            with recursive v as (
                (select {column} as value from audit_log order by {column} limit 1)
                union all
                select (select {column} from audit_log where {column} > v.value order by {column} limit 1) from v where v.value is not null
            )
            select value from v where value is not null
            """);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>The names the Kind filter accepts for ledger entries.</summary>
    public static IReadOnlyList<string> LedgerKinds { get; } =
        Enum.GetValues<LedgerKind>().Select(Exchange.QueryTablePersister.LedgerKindName).Distinct().ToArray();
}
