using System.Threading.Channels;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Components;

namespace CampTrading.ComponentTests.Components;

/// <summary>How every live page follows a broadcast: relevant changes only, a burst after a draw drawn together at the next frame.</summary>
public sealed class ScreenUpdatesTests
{
    private readonly Broadcast<int> _changes = new();
    private readonly Channel<IReadOnlyList<int>> _draws = Channel.CreateUnbounded<IReadOnlyList<int>>();

    private Task FollowAsync(Func<int, bool> touches, CancellationToken cancellationToken) =>
        ScreenUpdates.FollowAsync(_changes.Subscribe(), touches, changes => { _draws.Writer.TryWrite(changes); return Task.CompletedTask; }, cancellationToken);

    private async Task<IReadOnlyList<int>> NextDrawAsync() => await _draws.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task A_burst_after_a_draw_is_drawn_together_and_changes_a_page_ignores_are_never_drawn()
    {
        using var stop = new CancellationTokenSource();
        var following = FollowAsync(change => change % 2 == 0, stop.Token);

        _changes.Publish(2);
        Assert.Equal([2], await NextDrawAsync());

        for (var change = 3; change <= 8; change++) _changes.Publish(change); // within the frame after the last draw
        Assert.Equal([4, 6, 8], await NextDrawAsync());

        _changes.Publish(9);
        _changes.Publish(10);
        Assert.Equal([10], await NextDrawAsync());

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);
        Assert.Equal(0, _changes.SubscriberCount); // the subscription ends with the page
    }
}
