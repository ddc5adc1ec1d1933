using System.Diagnostics.Metrics;
using CampTrading.Web.Exchange;
using CampTrading.Web.Staff.Console;
using CampTrading.Web.Telegram.Hosting;

namespace CampTrading.Web.Infrastructure.Metrics;

/// <summary>
/// What the app reports as it is at scrape time: the writer's queue and snapshot, the book, circuits and live market
/// streams, the Telegram outbox.
/// The counters and histograms of the engine itself are <see cref="Core.Journal.EngineMetrics"/>.
/// </summary>
public sealed class CampGauges : IDisposable
{
    public const string MeterName = "CampTrading.Web";

    private readonly Meter _meter;

    public CampGauges(IMeterFactory meters, ExchangeService exchange, CircuitTracker circuits, LiveMarket.LiveMarketHub live, TimeProvider time,
        IServiceProvider services)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("camp.engine.queue.depth", () => exchange.QueueLength, "{command}", "Commands waiting for the single writer.");
        _meter.CreateObservableGauge("camp.engine.last_seq", () => exchange.Health?.LastSeq ?? 0, "{command}", "The journal's last sequence number.");
        _meter.CreateObservableGauge("camp.engine.faults", () => exchange.Health?.EngineFaults ?? 0, "{fault}", "Commands that threw inside the engine (should stay 0).");
        _meter.CreateObservableGauge("camp.engine.snapshot.age", () => SnapshotAge(exchange, time), "s", "Seconds since the last engine snapshot (since start when none yet).");
        _meter.CreateObservableGauge("camp.market.open_orders", () => exchange.IsReady ? exchange.Market.OpenOrderCount : 0, "{order}", "Resting orders in every book.");
        _meter.CreateObservableGauge("camp.circuits.open", () => circuits.OpenCircuits, "{circuit}", "Open Blazor circuits (student and staff pages).");
        _meter.CreateObservableGauge("camp.live.followers", () => live.FollowerCount, "{stream}", "Pages following the shared market's streams (/live).");
        // The bot is optional: without a token its outbox is never registered.
        if (services.GetService<TelegramOutbox>() is { } outbox)
        {
            _meter.CreateObservableGauge("camp.telegram.outbox.depth", () => outbox.Pending, "{call}", "Telegram calls waiting for their turn.");
            _meter.CreateObservableCounter("camp.telegram.outbox.dropped", () => outbox.Dropped, "{call}", "Telegram calls dropped (outbox full or failed after retries).");
        }
    }

    private readonly DateTimeOffset _started = TimeProvider.System.GetUtcNow();

    private double SnapshotAge(ExchangeService exchange, TimeProvider time) =>
        (time.GetUtcNow() - (exchange.Health?.LastSnapshotAt ?? _started)).TotalSeconds;

    public void Dispose() => _meter.Dispose();
}
