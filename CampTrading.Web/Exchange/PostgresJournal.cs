using System.Runtime.CompilerServices;
using CampTrading.Core.Journal;
using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.Exchange;

/// <summary>The journal in PostgreSQL: one multi-row insert per batch, committed (fsync) before it returns.</summary>
public sealed class PostgresJournal(NpgsqlDataSource dataSource) : IJournal
{
    public async Task AppendAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken)
    {
        var seqs = new long[batch.Count];
        var times = new DateTime[batch.Count];
        var kinds = new string[batch.Count];
        var payloads = new string[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            seqs[i] = batch[i].Seq;
            times[i] = new DateTime(batch[i].Time, DateTimeKind.Utc);
            kinds[i] = batch[i].Command.GetType().Name;
            payloads[i] = CommandSerializer.Serialize(batch[i].Command);
        }

        await using var command = dataSource.CreateCommand(
            "insert into journal (seq, ts, kind, payload) select * from unnest($1, $2, $3, $4::jsonb[]) on conflict (seq) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = seqs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = times, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = kinds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select seq, ts, payload::text from journal where seq > $1 order by seq");
        command.Parameters.AddWithValue(afterSeq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new JournalEntry(reader.GetInt64(0), reader.GetDateTime(1).Ticks, CommandSerializer.Deserialize(reader.GetString(2)));
        }
    }

    public async Task<long> LastSeqAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(seq), 0) from journal");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
