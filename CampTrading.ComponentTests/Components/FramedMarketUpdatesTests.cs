using System.Threading.Channels;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Components;

namespace CampTrading.ComponentTests.Components;

/// <summary>What pages follow of the market: its updates merged per frame, published off the engine's writer.</summary>
public sealed class FramedMarketUpdatesTests
{
    private readonly MarketReadModel _market = new();

    private static MarketUpdate Update(long seq, int[] accounts, int[] instruments, long[]? trades = null, bool status = false) =>
        new(seq, accounts, instruments, [.. (trades ?? []).Select(id => Trade(id, instruments[0]))], status);

    private static TradeView Trade(long id, int instrument) =>
        new(id, id, DateTimeOffset.UnixEpoch, instrument, 10, 1, Side.Buy, 1, 2, 1, 2);

    [Fact]
    public void The_updates_of_a_frame_merge_into_one_naming_everything_they_named()
    {
        var merged = FramedMarketUpdates.Merge([
            Update(5, [1, 2], [7], trades: [40]),
            Update(6, [2, 3], [8], trades: [41, 42], status: true),
            Update(9, [4], [7], trades: [43]),
        ]);

        Assert.Equal(9, merged.Seq);
        Assert.Equal([1, 2, 3, 4], merged.Accounts.Order());
        Assert.Equal([7, 8], merged.Instruments.Order());
        Assert.Equal([40, 41, 42, 43], merged.Trades.Select(t => t.Id)); // in the order they happened
        Assert.True(merged.StatusChanged);
        Assert.True(merged.Touches(3));
        Assert.False(merged.Touches(5));

        var alone = Update(3, [1], [7]);
        Assert.Same(alone, FramedMarketUpdates.Merge([alone]));
    }

    [Fact]
    public async Task The_first_update_after_a_quiet_frame_goes_out_at_once_and_a_burst_after_it_as_one_at_the_next_tick()
    {
        var framed = new FramedMarketUpdates(_market);
        using var pages = framed.Updates.Subscribe();

        await ScreenUpdates.NextTick; // a frame has just begun: the burst below falls in the same one as the first update
        var first = Update(1, [1], [7]);
        _market.Updates.Publish(first);
        Assert.Same(first, await NextAsync(pages.Reader));

        for (var seq = 2; seq <= 6; seq++) _market.Updates.Publish(Update(seq, [seq], [7]));
        var burst = await NextAsync(pages.Reader);
        Assert.Equal(6, burst.Seq);
        Assert.Equal([2, 3, 4, 5, 6], burst.Accounts.Order());
        Assert.False(pages.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_page_slow_to_decide_whether_an_update_concerns_it_never_holds_up_the_engine_publishing_it()
    {
        var framed = new FramedMarketUpdates(_market);
        using var deciding = new ManualResetEventSlim();
        using var page = framed.Updates.Subscribe(wants: _ => deciding.Wait(TimeSpan.FromSeconds(10)));

        var published = Task.Run(() => _market.Updates.Publish(Update(1, [1], [7])));
        await published.WaitAsync(TimeSpan.FromSeconds(5)); // times out if the market's publisher waits for the page's filter

        deciding.Set();
        Assert.Equal(1, (await NextAsync(page.Reader)).Seq);
    }

    private static async Task<MarketUpdate> NextAsync(ChannelReader<MarketUpdate> reader) =>
        await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
