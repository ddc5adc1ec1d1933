using CampTrading.Web.Identity;

namespace CampTrading.Tests.Identity;

/// <summary>A circuit's activities reach the renderer in the order they arrived, whatever their session checks wait for.</summary>
public sealed class ArrivalOrderTests
{
    private readonly ArrivalOrder _order = new();
    private readonly List<string> _handedOn = [];

    private Task Arrive(string name, Task<bool> check, Func<Task>? work = null) =>
        _order.RunAsync(() => check, () =>
        {
            lock (_handedOn) _handedOn.Add(name);
            return work?.Invoke() ?? Task.CompletedTask;
        }, () => { lock (_handedOn) _handedOn.Add(name + " refused"); });

    [Fact]
    public async Task A_click_whose_check_waits_is_not_overtaken_by_the_acknowledgement_after_it()
    {
        var slowCheck = new TaskCompletionSource<bool>();
        var click = Arrive("click", slowCheck.Task);
        var ack = Arrive("ack", Task.FromResult(true));
        await Task.Delay(50);
        Assert.Empty(_handedOn);

        slowCheck.SetResult(true);
        await Task.WhenAll(click, ack).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["click", "ack"], _handedOn);
    }

    [Fact]
    public async Task An_activity_waits_for_the_one_before_to_be_handed_on_not_to_finish()
    {
        var dialog = new TaskCompletionSource(); // a click whose handler awaits a dialog
        var opens = Arrive("open dialog", Task.FromResult(true), () => dialog.Task);
        var answer = Arrive("dialog button", Task.FromResult(true), () => { dialog.SetResult(); return Task.CompletedTask; });

        await Task.WhenAll(opens, answer).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["open dialog", "dialog button"], _handedOn);
    }

    [Fact]
    public async Task A_refused_activity_keeps_its_place_and_the_ones_after_it_go_on()
    {
        var slowCheck = new TaskCompletionSource<bool>();
        var ended = Arrive("click", slowCheck.Task);
        var after = Arrive("ack", Task.FromResult(true));

        slowCheck.SetResult(false);
        await Task.WhenAll(ended, after).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["click refused", "ack"], _handedOn);
    }
}
