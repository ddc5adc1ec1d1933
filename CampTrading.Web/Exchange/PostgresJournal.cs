using System.Runtime.CompilerServices;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.Exchange;

/// <summary>
/// The journal in PostgreSQL: one multi-row insert per batch, committed (fsync) before it returns. A sequence number
/// that is already taken is never skipped silently: either the row is this very entry (an earlier attempt committed
/// before its answer was lost) or another writer appended to the journal, which is fatal.
/// </summary>
public sealed class PostgresJournal(NpgsqlDataSource dataSource) : IJournal
{
    private const string Insert = "insert into journal (seq, ts, kind, payload, engine_version) select *, $5 from unnest($1, $2, $3, $4::jsonb[])";
    private volatile WriterLock? _writer;

    /// <summary>From now on, appends go through the writer lock's own connection (see <see cref="WriterLock"/>).</summary>
    public void WriteThrough(WriterLock writer) => _writer = writer;

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
            payloads[i] = batch[i].Json;
        }

        try
        {
            if (_writer is { } writer)
            {
                await writer.UseAsync(async connection =>
                {
                    await using var command = new NpgsqlCommand(Insert, connection);
                    return await ExecuteInsertAsync(command, seqs, times, kinds, payloads, cancellationToken);
                }, cancellationToken);
            }
            else
            {
                await using var command = dataSource.CreateCommand(Insert);
                await ExecuteInsertAsync(command, seqs, times, kinds, payloads, cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            if (await HoldsExactlyAsync(seqs, times, kinds, payloads, cancellationToken)) return;
            throw new JournalConflictException(
                $"Journal sequence numbers {seqs[0]}..{seqs[^1]} are taken by other entries: another instance is writing to this journal.", ex);
        }
        catch (PostgresException ex) when (IsPermanent(ex.SqlState))
        {
            throw new JournalPermanentException($"{ex.SqlState}: {ex.MessageText}", ex);
        }
    }

    private static Task<int> ExecuteInsertAsync(NpgsqlCommand command, long[] seqs, DateTime[] times, string[] kinds, string[] payloads, CancellationToken cancellationToken)
    {
        AddArrays(command, seqs, times, kinds, payloads);
        command.Parameters.Add(new NpgsqlParameter { Value = EngineVersion.Current, NpgsqlDbType = NpgsqlDbType.Integer });
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Data (22), integrity (23), syntax or access (42) and program-limit (54) errors fail the same way on every retry;
    /// connection (08), operator intervention such as a restart (57), resources (53) and the rest may pass.
    /// </summary>
    public static bool IsPermanent(string sqlState) =>
        sqlState.StartsWith("22", StringComparison.Ordinal) || sqlState.StartsWith("23", StringComparison.Ordinal)
        || sqlState.StartsWith("42", StringComparison.Ordinal) || sqlState.StartsWith("54", StringComparison.Ordinal);

    /// <summary>Whether every entry of the batch is in the journal exactly as given (jsonb compares by value).</summary>
    private async Task<bool> HoldsExactlyAsync(long[] seqs, DateTime[] times, string[] kinds, string[] payloads, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*) from journal j join unnest($1, $2, $3, $4::jsonb[]) as b(seq, ts, kind, payload) "
            + "on j.seq = b.seq and j.ts = b.ts and j.kind = b.kind and j.payload = b.payload");
        AddArrays(command, seqs, times, kinds, payloads);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == seqs.Length;
    }

    private static void AddArrays(NpgsqlCommand command, long[] seqs, DateTime[] times, string[] kinds, string[] payloads)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = seqs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = times, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = kinds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select seq, ts, payload::text, engine_version from journal where seq > $1 order by seq");
        command.Parameters.AddWithValue(afterSeq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var version = reader.GetInt32(3);
            if (version > EngineVersion.Current)
                throw new InvalidOperationException(
                    $"Journal entry {reader.GetInt64(0)} was written by engine version {version}; this build replays up to version {EngineVersion.Current}. Run the newer build.");
            yield return new JournalEntry(reader.GetInt64(0), reader.GetDateTime(1).Ticks, CommandSerializer.Deserialize(reader.GetString(2)));
        }
    }

    public async Task<long> LastSeqAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(seq), 0) from journal");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
