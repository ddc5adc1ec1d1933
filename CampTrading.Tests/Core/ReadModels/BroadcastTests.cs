using CampTrading.Core.ReadModels;

namespace CampTrading.Tests.Core.ReadModels;

/// <summary>How every live page and service hears of changes: each subscriber gets what it wants until it leaves.</summary>
public class BroadcastTests
{
    [Fact]
    public void A_subscriber_leaving_from_anywhere_in_the_crowd_stops_hearing_and_the_others_keep_hearing()
    {
        var broadcast = new Broadcast<int>();
        var subscriptions = Enumerable.Range(0, 5).Select(_ => broadcast.Subscribe()).ToList();

        subscriptions[2].Dispose(); // the middle
        subscriptions[0].Dispose(); // the first
        subscriptions[4].Dispose(); // the last
        subscriptions[4].Dispose(); // twice is harmless
        broadcast.Publish(7);

        Assert.Equal(2, broadcast.SubscriberCount);
        foreach (var gone in new[] { 0, 2, 4 })
        {
            Assert.False(subscriptions[gone].Reader.TryRead(out _));
            Assert.True(subscriptions[gone].Reader.Completion.IsCompleted);
        }
        foreach (var staying in new[] { 1, 3 })
        {
            Assert.True(subscriptions[staying].Reader.TryRead(out var heard));
            Assert.Equal(7, heard);
        }
    }

    [Fact]
    public void A_subscriber_hears_only_what_it_wants()
    {
        var broadcast = new Broadcast<int>();
        using var evens = broadcast.Subscribe(wants: n => n % 2 == 0);

        for (var n = 1; n <= 5; n++) broadcast.Publish(n);

        Assert.True(evens.Reader.TryRead(out var first));
        Assert.True(evens.Reader.TryRead(out var second));
        Assert.Equal((2, 4), (first, second));
        Assert.False(evens.Reader.TryRead(out _));
    }
}
