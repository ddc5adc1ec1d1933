using System.Globalization;
using CampTrading.ComponentTests.Support;
using CampTrading.Web.Board;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.Board;

/// <summary>The board's clock: the camp's time as drawn, moved each second by the browser rather than by a server timer.</summary>
public sealed class BoardClockTests : CampComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void Shows_the_camps_time_and_leaves_the_ticking_to_the_browser()
    {
        var time = new ManualClock(Now);
        Services.AddSingleton<TimeProvider>(time);
        var cut = Render<BoardClock>(ps => ps.Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei")));

        var clock = cut.Find("[data-testid=board-clock]");
        Assert.Equal("09:02:03", clock.TextContent);
        Assert.Equal("clock", clock.GetAttribute("data-tick"));
        Assert.Equal("Asia/Taipei", clock.GetAttribute("data-zone"));
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), clock.GetAttribute("data-now"));
        Assert.Equal(0, time.TimersCreated);
        Assert.Equal(1, cut.RenderCount);
    }
}
