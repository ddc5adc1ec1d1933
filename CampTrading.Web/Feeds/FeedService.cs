using CampTrading.Core.Feeds;
using CampTrading.Web.Exchange;
using CampTrading.Web.Feeds.Sources;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Feeds;

/// <summary>
/// Brings outside prices into the engine (docs/decisions/0024-feed-priced-instruments.md). For every feed instrument that is not
/// removed it reads the instrument's <see cref="IFeedSource"/>, converts each price to points, and submits at most one
/// <see cref="FeedPrice"/> per <see cref="FeedOptions.MinInterval"/> (the latest wins) through the exchange like any other command,
/// so the journal holds every price and replay needs no feed. A source that ends or fails is restarted with a growing delay. A
/// silent source needs nothing here: the engine halts the instrument when its prices stop. Without a registered
/// <see cref="IFeedSourceFactory"/> it stays idle.
/// </summary>
public sealed class FeedService(
    ExchangeService exchange,
    IServiceProvider services,
    IOptions<FeedOptions> options,
    TimeProvider time,
    ILogger<FeedService> logger) : BackgroundService
{
    private readonly Dictionary<int, Pump> _pumps = [];

    private sealed record Pump(FeedSourceSettings Source, CancellationTokenSource Stop, Task Running);

    /// <summary>Instruments whose source is being read now (for the console).</summary>
    public IReadOnlyCollection<int> Running
    {
        get
        {
            lock (_pumps) return _pumps.Keys.ToArray();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = services.GetService<IFeedSourceFactory>();
        if (factory is null)
        {
            logger.LogWarning("No feed source factory is registered: feed instruments get no prices");
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (exchange.IsReady) Reconcile(factory, stoppingToken);
                await Task.Delay(options.Value.RescanInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Task[] running;
            lock (_pumps)
            {
                foreach (var pump in _pumps.Values) pump.Stop.Cancel();
                running = _pumps.Values.Select(p => p.Running).ToArray();
                _pumps.Clear();
            }
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Starts a pump for each live feed instrument, restarts one whose source changed, stops one that was removed.</summary>
    private void Reconcile(IFeedSourceFactory factory, CancellationToken stoppingToken)
    {
        var wanted = exchange.Market.Instruments
            .Where(i => i.Feed is { Status: not FeedStatus.Removed })
            .ToDictionary(i => i.Id, i => i.Feed!.Source);
        lock (_pumps)
        {
            foreach (var (id, pump) in _pumps.ToArray())
            {
                if (wanted.TryGetValue(id, out var source) && source == pump.Source && !pump.Running.IsCompleted) continue;
                pump.Stop.Cancel();
                _pumps.Remove(id);
            }
            foreach (var (id, source) in wanted)
            {
                if (_pumps.ContainsKey(id)) continue;
                var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                _pumps[id] = new Pump(source, stop, Task.Run(() => RunAsync(factory, id, source, stop.Token), CancellationToken.None));
            }
        }
    }

    /// <summary>Reads one source for ever (restarting it with backoff) and submits its prices, throttled.</summary>
    private async Task RunAsync(IFeedSourceFactory factory, int instrumentId, FeedSourceSettings source, CancellationToken ct)
    {
        using var latest = new LatestPrice();
        var sending = SendAsync(instrumentId, latest, ct);
        var delay = options.Value.RestartDelay;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var feed = factory.Create(new FeedSourceSpec(source.Kind, source.Symbol, source.Location, source.Speed));
                await foreach (var tick in feed.ReadAsync(ct))
                {
                    if (FeedPriceScale.ToPoints(tick.Price, source.PointsPerQuoteUnit) is not { } points) continue;
                    latest.Set(points, tick.Time.UtcTicks);
                    delay = options.Value.RestartDelay; // a source that delivers is healthy again
                }
                logger.LogInformation("Feed {Kind}:{Symbol} for instrument {Instrument} ended; restarting", source.Kind, source.Symbol, instrumentId);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Feed {Kind}:{Symbol} for instrument {Instrument} failed; restarting in {Delay}", source.Kind, source.Symbol, instrumentId, delay);
            }
            try
            {
                await Task.Delay(delay, time, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRestartDelay.Ticks));
        }
        latest.Close();
        await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SendAsync(int instrumentId, LatestPrice latest, CancellationToken ct)
    {
        while (await latest.WaitAsync(ct) is { } price)
        {
            try
            {
                var result = await exchange.SubmitAsync(new FeedPrice(instrumentId, price.Points, price.FeedTicks), ct);
                if (!result.IsOk) logger.LogDebug("Feed price for instrument {Instrument} refused: {Code}", instrumentId, result.Code);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Submitting a feed price for instrument {Instrument} failed", instrumentId);
            }
            await Task.Delay(options.Value.MinInterval, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The newest unsent price of one feed: a slot the reader overwrites and the sender empties.</summary>
    private sealed class LatestPrice : IDisposable
    {
        private readonly SemaphoreSlim _signal = new(0, 1);
        private readonly object _gate = new();
        private (long Points, long FeedTicks)? _price;
        private bool _closed;

        public void Set(long points, long feedTicks)
        {
            lock (_gate) _price = (points, feedTicks);
            if (_signal.CurrentCount == 0) try { _signal.Release(); } catch (SemaphoreFullException) { }
        }

        public void Dispose() => _signal.Dispose();

        public void Close()
        {
            lock (_gate) _closed = true;
            if (_signal.CurrentCount == 0) try { _signal.Release(); } catch (SemaphoreFullException) { }
        }

        public async Task<(long Points, long FeedTicks)?> WaitAsync(CancellationToken ct)
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_price is { } price)
                    {
                        _price = null;
                        return price;
                    }
                    if (_closed) return null;
                }
                try
                {
                    await _signal.WaitAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }
    }
}
