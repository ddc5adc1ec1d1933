using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Web.Exchange;
using CampTrading.Web.Infrastructure.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampTrading.LoadDriver;

/// <summary>The production durable path without the web host: Postgres journal + snapshots + sequencer.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const int Instrument = 1;
    public const int FirstAccount = SystemAccounts.FirstUserAccount;
    public const int ArcadeMachine = 1;
    /// <summary>How many QR codes the market's set-up makes (worth 10, a thousand uses each, once per account).</summary>
    public const int QrCodes = 100;

    public static string QrCode(int n) => $"SOAKQR{n:D4}";

    private Harness(NpgsqlDataSource dataSource, Sequencer sequencer, ExchangeEngine engine, RecoveryReport recovery)
    {
        DataSource = dataSource;
        Sequencer = sequencer;
        Engine = engine;
        Recovery = recovery;
    }

    public NpgsqlDataSource DataSource { get; }
    public Sequencer Sequencer { get; }
    public ExchangeEngine Engine { get; }
    public RecoveryReport Recovery { get; }
    private WriterLock? Writer { get; init; }

    public static async Task<NpgsqlDataSource> OpenDatabaseAsync(string connection)
    {
        var dataSource = NpgsqlDataSource.Create(connection);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return dataSource;
    }

    public static async Task<Harness> StartAsync(string connection, long snapshotEvery)
    {
        var dataSource = await OpenDatabaseAsync(connection);
        var journal = new PostgresJournal(dataSource);
        // As the product does: one writer, holding the lock before replay and appending through its connection.
        var writer = await WriterLock.AcquireAsync(dataSource, TimeSpan.FromMilliseconds(50), null, CancellationToken.None);
        journal.WriteThrough(writer);
        var snapshots = new PostgresSnapshotStore(dataSource);
        var (engine, report) = await EngineRecovery.RecoverAsync(journal, snapshots, new EngineSettings(), [], CancellationToken.None);
        var snapshotter = new Snapshotter(journal, snapshots, new EngineSettings(), snapshotEvery);
        snapshotter.Reset(report.SnapshotSeq);
        var sequencer = new Sequencer(engine, journal, snapshotter, TimeProvider.System, new SequencerOptions(), []);
        sequencer.Start();
        return new Harness(dataSource, sequencer, engine, report) { Writer = writer };
    }

    /// <summary>On an empty journal: one instrument, funded accounts, a wide band, the market open.</summary>
    public async Task SetUpMarketAsync(int accounts)
    {
        if (Recovery.LastSeq > 0) return;
        await Submit(new ListInstrument("LOAD", "Load test", 20, 0));
        await Submit(new SetTradingRules(new TradingRules { BandPercent = 50, MaxOrderQuantity = 1_000, DailyOrderLimit = int.MaxValue }, "load"));
        await Submit(new SetMarketOverride(MarketOverride.ForceOpen, "load"));
        await Submit(new RegisterArcadeMachine("load", "load-key-hash", "load"));
        await Submit(new CreateQrCodes(Enumerable.Range(0, QrCodes).Select(QrCode).ToArray(), 10, 1_000, null, "load", "load"));
        var tasks = new List<Task>();
        for (var i = 0; i < accounts; i++)
        {
            var name = $"load{i}";
            tasks.Add(Task.Run(async () =>
            {
                var id = (int)(await Submit(new OpenAccount(name))).Id;
                await Submit(new Grant(id, Assets.Points, 1_000_000_000, "load", "load"));
                await Submit(new Grant(id, Instrument, 10_000_000, "load", "load"));
            }));
        }
        await Task.WhenAll(tasks);
    }

    private async Task<CommandResult> Submit(Command command)
    {
        var result = await Sequencer.SubmitAsync(command);
        if (!result.IsOk) throw new InvalidOperationException($"{command.GetType().Name} refused: {RejectCodes.Code(result.Code)}");
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await Sequencer.DisposeAsync();
        if (Writer is not null) await Writer.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
