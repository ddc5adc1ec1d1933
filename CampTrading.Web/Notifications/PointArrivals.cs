using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;
using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.Notifications;

/// <summary>Points that reached a student from someone (a transfer or a staff grant), with the note that came with them.</summary>
public sealed record PointArrival(long Id, LedgerKind Kind, long Amount, int From, string? Note);

/// <summary>Reads the points a student received from the ledger query tables (the engine's events carry no notes).</summary>
public interface IPointArrivals
{
    /// <summary>Where the student's ledger stands now: arrivals after it are news.</summary>
    Task<long> CursorAsync(int accountId, CancellationToken cancellationToken = default);

    /// <summary>Transfers and grants received after <paramref name="cursor"/>, once the query tables hold batch <paramref name="seq"/>.</summary>
    Task<IReadOnlyList<PointArrival>> AfterAsync(int accountId, long cursor, long seq, CancellationToken cancellationToken = default);
}

/// <summary>
/// <see cref="IPointArrivals"/> over <c>ledger_entries</c> (the account's index, newest rows only), joined to the journal for the
/// transfer's memo or the grant's reason.
/// </summary>
public sealed class PostgresPointArrivals(NpgsqlDataSource dataSource, QueryTablePersister queryTables) : IPointArrivals
{
    private static readonly TimeSpan PersistWait = TimeSpan.FromSeconds(3);

    public async Task<long> CursorAsync(int accountId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(id), 0) from ledger_entries where account_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = accountId, NpgsqlDbType = NpgsqlDbType.Integer });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<PointArrival>> AfterAsync(int accountId, long cursor, long seq, CancellationToken cancellationToken = default)
    {
        await queryTables.WaitForAsync(seq, PersistWait, cancellationToken);
        await using var command = dataSource.CreateCommand(
            """
            select l.id, l.kind, l.amount, l.counterparty, coalesce(j.payload->>'memo', j.payload->>'reason')
            from ledger_entries l
            left join journal j on j.seq = l.seq
            where l.account_id = $1 and l.id > $2 and l.asset = 0 and l.amount > 0 and l.kind in ('transfer', 'grant')
            order by l.id
            limit 20
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = accountId, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = cursor, NpgsqlDbType = NpgsqlDbType.Bigint });
        var rows = new List<PointArrival>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new PointArrival(reader.GetInt64(0), LedgerHistory.ParseKind(reader.GetString(1)), reader.GetInt64(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        return rows;
    }
}
