using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampTrading.Web.Exchange;

/// <summary>
/// Takes the writer lock (DESIGN "One writer, enforced"), then brings the engine up (snapshot + journal replay),
/// lists the configured instruments on a first start, and runs the sequencer and the query-table persister until
/// shutdown. Without the lock it waits as a standby (or refuses to start, <see cref="ExchangeOptions.StandbyMode"/>)
/// and replays the journal when it takes over. When the lock's connection dies it takes no commands; once the lock
/// is ours again it carries on only if nobody wrote to the journal meanwhile, else it stops so a restart replays.
/// </summary>
public sealed class ExchangeHostedService(
    ExchangeService exchange,
    MarketReadModel readModel,
    DuelBoard duels,
    NpgsqlDataSource dataSource,
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
    private WriterLock? _lock;
    private ExchangeEngine? _engine;
    private Snapshotter? _snapshotter;
    private RecoveryReport? _recovery;
    private Sequencer? _sequencer;
    private Task _persisting = Task.CompletedTask;
    private Task _leading = Task.CompletedTask;
    /// <summary>Ends the standby/lead loops in <see cref="StopAsync"/> itself: a host may stop its services without
    /// ever signalling ApplicationStopping (a test host disposed directly does), and a loop left watching the lock
    /// would hold the lock's connection while it is being closed.</summary>
    private CancellationTokenSource? _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _lock = await WriterLock.TryAcquireAsync(dataSource, cancellationToken);
            if (_lock is null)
            {
                const string held = "Another CampTrading instance holds the exchange's writer lock on this database.";
                if (options.Value.StandbyMode == StandbyMode.Refuse)
                {
                    logger.LogCritical("{Held} Exchange:StandbyMode is Refuse: not starting. Stop the other instance, or set Exchange:StandbyMode to Wait to run this one as a standby.", held);
                    throw new InvalidOperationException($"{held} Exchange:StandbyMode is Refuse, so this instance does not start.");
                }
                logger.LogWarning("{Held} Running as a standby: no commands until it frees the lock, then this instance replays the journal and takes over.", held);
                exchange.Standby(held);
                _leading = Task.Run(() => StandByThenLeadAsync(Stopping), CancellationToken.None);
                return;
            }
            await LeadAsync(cancellationToken);
            _leading = Task.Run(() => KeepLeadingAsync(Stopping), CancellationToken.None);
        }
        catch (Exception ex)
        {
            exchange.Failed(ex);
            throw;
        }
    }

    private async Task StandByThenLeadAsync(CancellationToken stopping)
    {
        try
        {
            _lock = await WriterLock.AcquireAsync(dataSource, options.Value.WriterLockCheckInterval,
                ex => logger.LogDebug("Standby: the writer lock could not be tried: {Error}", ex.Message), stopping);
            logger.LogWarning("The writer lock is free: this instance replays the journal and takes over");
            await LeadAsync(stopping);
            await KeepLeadingAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            exchange.Failed(ex);
            logger.LogCritical(ex, "Taking over as the exchange's writer failed; stopping");
            lifetime.StopApplication();
        }
    }

    /// <summary>With the lock held: recover, start the sequencer and the persister, and list instruments on a first start.</summary>
    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        var settings = new EngineSettings { TimeZoneId = options.Value.TimeZone };
        // Replay must re-emit everything the query tables lack, so the snapshot may not pass their watermark.
        var watermark = await persister.LoadWatermarkAsync(cancellationToken);
        var snapshotSeq = await history.LatestSnapshotSeqAsync(watermark, cancellationToken);
        readModel.LoadHistory(TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId),
            await history.TradesUpToAsync(snapshotSeq, cancellationToken));
        readModel.LoadFeedPrices(await history.FeedPricesUpToAsync(snapshotSeq, cancellationToken));

        var (engine, report) = await EngineRecovery.RecoverAsync(journal, snapshots, settings, [readModel, duels, persister, .. moreObservers], cancellationToken, snapshotSeq);
        logger.LogInformation("Engine recovered: snapshot at seq {Snapshot}, {Replayed} commands replayed, now at seq {Seq}, in {Elapsed} ms",
            report.SnapshotSeq, report.ReplayedCommands, report.LastSeq, (long)report.Elapsed.TotalMilliseconds);

        _engine = engine;
        _recovery = report;
        _persisting = persister.RunAsync(Stopping);
        _snapshotter = new Snapshotter(journal, snapshots, settings, options.Value.SnapshotEvery);
        _snapshotter.Reset(report.SnapshotSeq);
        StartSequencer();

        if (report.LastSeq == 0) await GenesisAsync(cancellationToken);
    }

    private void StartSequencer()
    {
        journal.WriteThrough(_lock!);
        _sequencer = new Sequencer(_engine!, journal, _snapshotter, time, new SequencerOptions(), [readModel, duels, persister, .. moreObservers]);
        _sequencer.Start();
        exchange.Started(_sequencer, _recovery!);
    }

    /// <summary>Watches the lock and the sequencer until shutdown; fences the sequencer when the lock is lost.</summary>
    private async Task KeepLeadingAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                using var watching = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var lost = _lock!.WatchAsync(options.Value.WriterLockCheckInterval, watching.Token);
                var sequencer = _sequencer!;
                await Task.WhenAny(lost, sequencer.Completion);
                if (stopping.IsCancellationRequested) return;
                if (sequencer.Completion.IsCompleted)
                {
                    await watching.CancelAsync();
                    if (sequencer.Completion.IsFaulted)
                    {
                        logger.LogCritical(sequencer.Completion.Exception, "The sequencer stopped; shutting down so that a restart recovers from the journal");
                        exchange.Failed(sequencer.Completion.Exception!.GetBaseException());
                        lifetime.StopApplication();
                    }
                    return;
                }

                var reason = await lost;
                logger.LogCritical("The writer lock is lost ({Reason}); taking no commands until it is ours again", reason);
                exchange.Fenced(reason);
                sequencer.Fence(reason);
                await sequencer.DisposeAsync();
                await _lock.DisposeAsync();
                _lock = await WriterLock.AcquireAsync(dataSource, options.Value.WriterLockCheckInterval, null, stopping);
                var journaled = await journal.LastSeqAsync(stopping);
                if (journaled != _engine!.LastSeq)
                {
                    var moved = $"The journal is at seq {journaled} but this engine at {_engine.LastSeq}: it was written while the lock was lost.";
                    logger.LogCritical("{Moved} Stopping so that a restart replays it", moved);
                    exchange.Failed(new InvalidOperationException(moved));
                    lifetime.StopApplication();
                    return;
                }
                logger.LogWarning("The writer lock is ours again and the journal is unchanged: taking commands again");
                StartSequencer();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task GenesisAsync(CancellationToken cancellationToken)
    {
        // A new camp offers its IPO in the first opening auction (docs/decisions/0023-ipo-in-the-opening-auction.md); a market
        // forced open at first start holds no auction before it, so there the pool stands in the book as before.
        var inAuction = !options.Value.OpenOnFirstStart;
        foreach (var listing in options.Value.InstrumentsOrDefault)
        {
            var command = new ListInstrument(listing.Symbol, listing.Name, listing.IpoPrice, listing.IpoShares) { IpoInOpeningAuction = inAuction };
            var result = await exchange.SubmitAsync(command, cancellationToken);
            logger.LogInformation("Listed {Symbol}: {Code}", listing.Symbol, RejectCodes.Code(result.Code));
        }
        if (options.Value.OpenOnFirstStart)
            await exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "genesis"), cancellationToken);
        else // every scheduled session starts with a pre-open, so the first one allocates the IPO without staff doing anything
            await exchange.SubmitAsync(new SetTradingRules(await exchange.ReadEngineAsync(e => e.Rules, cancellationToken) with { PreOpenMinutes = NewCampPreOpenMinutes }, "genesis"), cancellationToken);
    }

    /// <summary>A new camp's pre-open before each scheduled session (staff change it in the market rules).</summary>
    public const int NewCampPreOpenMinutes = 10;

    private CancellationToken Stopping =>
        (_stopping ??= CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping)).Token;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null) await _stopping.CancelAsync();
        await _leading.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_sequencer is not null) await _sequencer.DisposeAsync();
        if (_snapshotter is not null)
            await _snapshotter.StopAsync().WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        persister.Complete();
        await _persisting.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_lock is not null) await _lock.DisposeAsync();
        _lock = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sequencer is not null) await _sequencer.DisposeAsync();
        if (_lock is not null) await _lock.DisposeAsync();
        _lock = null;
    }
}
