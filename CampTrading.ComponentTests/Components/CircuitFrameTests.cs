using System.Threading.Channels;
using CampTrading.ComponentTests.Support;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.Components;

/// <summary>
/// How every live page follows a broadcast: relevant changes only, a burst after a draw drawn together at the next frame,
/// and with a <see cref="FrameHost"/> on the page every component's draw of a frame in one render.
/// </summary>
public sealed class CircuitFrameTests : CampComponentTest
{
    private readonly Broadcast<int> _changes = new();
    private readonly Channel<IReadOnlyList<int>> _draws = Channel.CreateUnbounded<IReadOnlyList<int>>();

    private Task FollowAsync(CircuitFrame frame, Func<int, bool> touches, CancellationToken cancellationToken) =>
        frame.FollowAsync(_changes.Subscribe(), touches, changes => { _draws.Writer.TryWrite(changes); return Task.CompletedTask; },
            draw => draw(), cancellationToken);

    private async Task<IReadOnlyList<int>> NextDrawAsync() => await _draws.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task A_burst_after_a_draw_is_drawn_together_and_changes_a_page_ignores_are_never_drawn()
    {
        using var stop = new CancellationTokenSource();
        var following = FollowAsync(new CircuitFrame(), change => change % 2 == 0, stop.Token);

        await ScreenUpdates.NextTick; // a frame has just begun: the burst below falls in the same one as the first draw
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

    [Fact]
    public async Task A_draw_that_fails_ends_its_following_with_that_failure_and_leaves_the_others_drawing()
    {
        var frame = new CircuitFrame();
        var failing = frame.FollowAsync(_changes.Subscribe(), change => change == 1, _ => throw new InvalidOperationException("broken widget"),
            draw => draw(), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var healthy = FollowAsync(frame, _ => true, stop.Token);

        _changes.Publish(1);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("broken widget", failure.Message);
        Assert.Equal([1], await NextDrawAsync());

        _changes.Publish(2);
        Assert.Equal([2], await NextDrawAsync());
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => healthy);
    }

    [Fact]
    public void With_a_host_on_the_page_every_component_a_change_touches_is_drawn_in_one_render()
    {
        SetRendererInfo(new RendererInfo("Server", true));
        var page = Render<Page>(parameters => parameters.Add(p => p.Changes, _changes));
        var frame = Services.GetRequiredService<CircuitFrame>();

        _changes.Publish(2);
        page.WaitForAssertion(() => Assert.Equal(["2", "2", ""], page.FindAll("output").Select(o => o.TextContent)));
        Assert.Equal(1, frame.FramesDrawn); // both draws ran in the host's one render, so they left in one batch

        _changes.Publish(3);
        page.WaitForAssertion(() => Assert.Equal(["2,3", "2", "3"], page.FindAll("output").Select(o => o.TextContent)));
        Assert.Equal(2, frame.FramesDrawn);
    }

    /// <summary>A page as a layout renders it: a host and three live widgets, one of them for odd changes only.</summary>
    private sealed class Page : ComponentBase
    {
        [Parameter] public Broadcast<int> Changes { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<FrameHost>(0);
            builder.CloseComponent();
            foreach (var parity in new[] { -1, 0, 1 })
            {
                builder.OpenComponent<Widget>(1);
                builder.SetKey(parity);
                builder.AddComponentParameter(2, nameof(Widget.Source), Changes);
                builder.AddComponentParameter(3, nameof(Widget.Parity), parity);
                builder.CloseComponent();
            }
        }
    }

    private sealed class Widget : LiveComponent<int>
    {
        private readonly List<int> _seen = [];

        [Parameter] public Broadcast<int> Source { get; set; } = default!;

        /// <summary>The changes this widget shows: even (0), odd (1) or all (-1).</summary>
        [Parameter] public int Parity { get; set; }

        protected override Broadcast<int> Changes => Source;

        protected override bool Touches(int change) => Parity < 0 || change % 2 == Parity;

        protected override Task OnChangesAsync(IReadOnlyList<int> changes)
        {
            _seen.AddRange(changes);
            StateHasChanged();
            return Task.CompletedTask;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "output");
            builder.AddContent(1, string.Join(",", _seen));
            builder.CloseElement();
        }
    }
}
