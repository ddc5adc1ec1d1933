using System.IO.Compression;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using Npgsql;

namespace CampTrading.Web.Exchange;

/// <summary>Snapshots as gzipped JSON; only the newest few are kept.</summary>
public sealed class PostgresSnapshotStore(NpgsqlDataSource dataSource) : ISnapshotStore
{
    private const int Keep = 3;

    public async Task<long> SaveAsync(EngineSnapshot snapshot, CancellationToken cancellationToken)
    {
        var json = CommandSerializer.SerializeSnapshot(snapshot);
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(json, cancellationToken);

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("insert into snapshots (seq, payload) values ($1, $2) on conflict (seq) do nothing")
        {
            Parameters = { new() { Value = snapshot.Seq }, new() { Value = buffer.ToArray() } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"delete from snapshots where seq < (select min(seq) from (select seq from snapshots order by seq desc limit {Keep}) newest)"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return json.Length;
    }

    public async Task<EngineSnapshot?> LoadLatestAsync(long maxSeq, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select payload from snapshots where seq <= $1 order by seq desc limit 1");
        command.Parameters.AddWithValue(maxSeq);
        if (await command.ExecuteScalarAsync(cancellationToken) is not byte[] payload) return null;
        await using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var json = new MemoryStream();
        await gzip.CopyToAsync(json, cancellationToken);
        return CommandSerializer.DeserializeSnapshot(json.ToArray());
    }
}
