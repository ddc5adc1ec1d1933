using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Infrastructure.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampTrading.Tests.Support;

/// <summary>The production durable path over a real PostgreSQL database: recover, run, stop, recover again.</summary>
internal sealed class DurableExchange : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private Task _persisting = Task.CompletedTask;

    private DurableExchange(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        Journal = new PostgresJournal(dataSource);
        Snapshots = new PostgresSnapshotStore(dataSource);
    }

    public PostgresJournal Journal { get; }
    public PostgresSnapshotStore Snapshots { get; }
    public NpgsqlDataSource DataSource => _dataSource;
    public Sequencer? Sequencer { get; private set; }
    public Snapshotter? Snapshotter { get; private set; }
    public QueryTablePersister? Persister { get; private set; }
    public MarketReadModel ReadModel { get; } = new();
    public RecoveryReport? Recovery { get; private set; }

    public static async Task<DurableExchange> OpenAsync(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return new DurableExchange(dataSource);
    }

    /// <param name="snapshotJournal">The journal as the snapshotter sees it (a test counts its reads); the real one by default.</param>
    /// <param name="snapshotStore">Where the snapshotter saves (a test makes saves fail); the real store by default.</param>
    public async Task StartAsync(long snapshotEvery = 1_000_000, bool withQueryTables = false, IJournal? snapshotJournal = null,
        ISnapshotStore? snapshotStore = null)
    {
        var settings = new EngineSettings();
        IEngineObserver[] observers = [ReadModel];
        if (withQueryTables)
        {
            Persister = new QueryTablePersister(_dataSource, NullLogger<QueryTablePersister>.Instance);
            await Persister.LoadWatermarkAsync(CancellationToken.None);
            observers = [ReadModel, Persister];
        }
        var maxSnapshot = Persister?.Watermark ?? long.MaxValue;
        var (engine, report) = await EngineRecovery.RecoverAsync(Journal, Snapshots, settings, observers, CancellationToken.None, maxSnapshot);
        Recovery = report;
        Snapshotter = new Snapshotter(snapshotJournal ?? Journal, snapshotStore ?? Snapshots, settings, snapshotEvery);
        Snapshotter.Reset(report.SnapshotSeq);
        Sequencer = new Sequencer(engine, Journal, Snapshotter, TimeProvider.System, new SequencerOptions(), observers);
        Sequencer.Start();
        if (Persister is not null) _persisting = Persister.RunAsync(CancellationToken.None);
    }

    public Task<CommandResult> SubmitAsync(Command command) => Sequencer!.SubmitAsync(command);

    /// <summary>The live engine's full state as JSON (taken on the engine thread).</summary>
    public Task<string> StateAsync() => Sequencer!.ReadAsync(e => StateJson(e));

    public static string StateJson(ExchangeEngine engine) =>
        JsonSerializer.Serialize(engine.CreateSnapshot(), CommandSerializer.Options);

    public async Task StopAsync()
    {
        if (Sequencer is not null) await Sequencer.DisposeAsync();
        if (Snapshotter is not null) await Snapshotter.StopAsync();
        Persister?.Complete();
        await _persisting;
        Sequencer = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _dataSource.DisposeAsync();
    }
}
