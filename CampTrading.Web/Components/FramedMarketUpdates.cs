using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Components;

/// <summary>
/// The market's updates as pages follow them: merged into one update per tick of the frame clock (<see cref="ScreenUpdates"/>)
/// and published from here, not from the engine's writer. Thousands of live components each ask whether an update concerns
/// them; asked once per frame on this loop instead of once per applied batch on the writer's thread, that costs a tenth
/// and never delays the journal (docs/decisions/0044-pages-follow-the-market-per-frame.md). The first update after a quiet
/// frame goes out at once, so a student's own order still shows without waiting for the clock.
/// </summary>
public sealed class FramedMarketUpdates
{
    // Far more batches than the engine applies in a frame: the loop drains it every tick, so it never fills.
    private const int Backlog = 65_536;

    public FramedMarketUpdates(MarketReadModel market) => _ = RunAsync(market.Updates.Subscribe(Backlog));

    /// <summary>One merged <see cref="MarketUpdate"/> per frame with changes.</summary>
    public Broadcast<MarketUpdate> Updates { get; } = new();

    private async Task RunAsync(Broadcast<MarketUpdate>.Subscription subscription)
    {
        using (subscription)
        {
            var pending = new List<MarketUpdate>();
            var lastTick = -1L;
            while (await subscription.Reader.WaitToReadAsync())
            {
                await ScreenUpdates.FrameAfter(lastTick); // one publication per frame
                lastTick = ScreenUpdates.Tick;
                while (subscription.Reader.TryRead(out var update)) pending.Add(update);
                Updates.Publish(Merge(pending));
                pending.Clear();
            }
        }
    }

    /// <summary>The updates of one frame as one: every account, instrument and trade they name, in order; the last sequence number.</summary>
    public static MarketUpdate Merge(IReadOnlyList<MarketUpdate> updates)
    {
        if (updates.Count == 1) return updates[0];
        var accounts = new HashSet<int>();
        var instruments = new HashSet<int>();
        var trades = new List<TradeView>();
        var statusChanged = false;
        foreach (var u in updates)
        {
            accounts.UnionWith(u.Accounts);
            instruments.UnionWith(u.Instruments);
            trades.AddRange(u.Trades);
            statusChanged |= u.StatusChanged;
        }
        return new MarketUpdate(updates[^1].Seq, accounts, instruments, trades, statusChanged);
    }
}
