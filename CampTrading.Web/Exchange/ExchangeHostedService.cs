using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Exchange;

/// <summary>
/// Brings the engine up (snapshot + journal replay), lists the configured instruments on a first
/// start, then runs the sequencer and the query-table persister until shutdown.
/// </summary>
public sealed class ExchangeHostedService(
    ExchangeService exchange,
    MarketReadModel readModel,
    DuelBoard duels,
    PostgresJournal journal,
    PostgresSnapshotStore snapshots,
    TradeHistory history,
    QueryTablePersister persister,
    TimeProvider time,
    IOptions<ExchangeOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ExchangeHostedService> logger,
    IEnumerable<IEngineObserver> moreObservers) : IHostedService, IAsyncDisposable
{
    private Sequencer? _sequencer;
    private Task _persisting = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var settings = new EngineSettings { TimeZoneId = options.Value.TimeZone };
            // Replay must re-emit everything the query tables lack, so the snapshot may not pass their watermark.
            var watermark = await persister.LoadWatermarkAsync(cancellationToken);
            var snapshotSeq = await history.LatestSnapshotSeqAsync(watermark, cancellationToken);
            readModel.LoadHistory(TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId),
                await history.TradesUpToAsync(snapshotSeq, cancellationToken));

            var (engine, report) = await EngineRecovery.RecoverAsync(journal, snapshots, settings, [readModel, duels, persister, .. moreObservers], cancellationToken, snapshotSeq);
            logger.LogInformation("Engine recovered: snapshot at seq {Snapshot}, {Replayed} commands replayed, now at seq {Seq}, in {Elapsed} ms",
                report.SnapshotSeq, report.ReplayedCommands, report.LastSeq, (long)report.Elapsed.TotalMilliseconds);

            _persisting = persister.RunAsync(lifetime.ApplicationStopping);
            var snapshotter = new Snapshotter(journal, snapshots, settings, options.Value.SnapshotEvery);
            snapshotter.Reset(report.SnapshotSeq);
            _sequencer = new Sequencer(engine, journal, snapshotter, time, new SequencerOptions(), [readModel, duels, persister, .. moreObservers]);
            _sequencer.Start();
            _ = WatchAsync(_sequencer);
            exchange.Started(_sequencer, report);

            if (report.LastSeq == 0) await GenesisAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            exchange.Failed(ex);
            throw;
        }
    }

    private async Task GenesisAsync(CancellationToken cancellationToken)
    {
        foreach (var listing in options.Value.InstrumentsOrDefault)
        {
            var result = await exchange.SubmitAsync(new ListInstrument(listing.Symbol, listing.Name, listing.IpoPrice, listing.IpoShares), cancellationToken);
            logger.LogInformation("Listed {Symbol}: {Code}", listing.Symbol, RejectCodes.Code(result.Code));
        }
        if (options.Value.OpenOnFirstStart)
            await exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "genesis"), cancellationToken);
    }

    private async Task WatchAsync(Sequencer sequencer)
    {
        try { await sequencer.Completion; }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "The sequencer stopped; shutting down so that a restart recovers from the journal");
            lifetime.StopApplication();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sequencer is not null) await _sequencer.DisposeAsync();
        persister.Complete();
        await _persisting.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sequencer is not null) await _sequencer.DisposeAsync();
    }
}
