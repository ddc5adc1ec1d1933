using System.Collections.Concurrent;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Components;
using CampTrading.Web.Exchange;

namespace CampTrading.Web.LiveMarket;

/// <summary>
/// Draws the shared market once per frame for every phone (docs/decisions/0043-the-shared-market-is-drawn-once-per-frame.md).
/// It wakes on the market's updates and, on the frame clock's tick that every live page shares
/// (<see cref="ScreenUpdates"/>), writes a new frame of each followed topic whose picture changed and offers the same bytes
/// to every page following it. A busy market costs one frame per topic per tick, however many phones watch.
/// </summary>
public sealed class LiveMarketHub(ExchangeService exchange, BoardFrame board, ILogger<LiveMarketHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<int, LiveTopic> _instruments = new();
    private LiveTopic? _board;

    private MarketReadModel Market => exchange.Market;

    /// <summary>The trade page's topic of an instrument, or null if there is no such instrument.</summary>
    public LiveTopic? Instrument(int instrumentId)
    {
        if (Market.Instrument(instrumentId) is null) return null;
        return _instruments.GetOrAdd(instrumentId, id => new LiveTopic($"instrument {id}",
            () => Market.Instrument(id) is { } view ? (view, NewestTrade(id)) : null,
            json => { if (Market.Instrument(id) is { } view) InstrumentFrame.Write(json, Market, view); else json.WriteNullValue(); }));
    }

    /// <summary>The board's topic: every instrument's price and the featured one's day.</summary>
    public LiveTopic Board => _board ??= new LiveTopic("board", board.Version, board.Write);

    /// <summary>Pages following any topic now.</summary>
    public int FollowerCount => _instruments.Values.Sum(t => t.FollowerCount) + (_board?.FollowerCount ?? 0);

    private long NewestTrade(int instrumentId) => Market.RecentTrades(instrumentId, 1) is [var t, ..] ? t.Id : 0;

    /// <summary>How long a quiet stream waits before a comment line proves its socket still works.</summary>
    public static TimeSpan KeepAliveEvery { get; set; } = TimeSpan.FromSeconds(20);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(DrawAsync(stoppingToken), KeepAliveAsync(stoppingToken));

    private async Task KeepAliveAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(KeepAliveEvery / 2);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var topic in _instruments.Values) topic.KeepAlive(KeepAliveEvery);
                _board?.KeepAlive(KeepAliveEvery);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DrawAsync(CancellationToken stoppingToken)
    {
        using var updates = Market.Updates.Subscribe(capacity: 1); // a doorbell: what changed is read from the views themselves
        var lastTick = -1L;
        try
        {
            while (await updates.Reader.WaitToReadAsync(stoppingToken))
            {
                while (updates.Reader.TryRead(out _)) { }
                await ScreenUpdates.FrameAfter(lastTick).WaitAsync(stoppingToken); // one publication per frame
                while (updates.Reader.TryRead(out _)) { } // what arrived while waiting is in this frame
                lastTick = ScreenUpdates.Tick;
                PublishAll();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void PublishAll()
    {
        foreach (var topic in _instruments.Values) Publish(topic);
        if (_board is { } b) Publish(b);
    }

    private void Publish(LiveTopic topic)
    {
        try
        {
            topic.Publish();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The live market could not draw {Topic}; its pages keep the frame before.", topic.Name);
        }
    }
}
