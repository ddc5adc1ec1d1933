using CampTrading.Core.Engine;
using CampTrading.Core.Market;

namespace CampTrading.Tests.Core;

/// <summary>
/// The countdown to the open during the pre-open: to the schedule's next open when the schedule started the pre-open,
/// none when staff started it by override; whole seconds rounded up, "mm:ss" (or "h:mm:ss").
/// The market here opens at 09:00 (Taipei) with a 10-minute pre-open.
/// </summary>
public sealed class OpeningCountdownTests
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);
    private static DateTimeOffset At(int hour, int minute = 0, int second = 0) => new(2025, 7, 1, hour, minute, second, Taipei);

    private readonly TestExchange _x = new(forceOpen: false, start: At(8));

    public OpeningCountdownTests()
    {
        _x.List("CAMP");
        _x.SetRules(new TradingRules { PreOpenMinutes = 10 });
        _x.Ok(new SetSchedule([new(At(9), At(12)), new(At(13), At(16))], "admin"));
    }

    private DateTimeOffset? OpensAt()
    {
        var next = _x.Engine.NextScheduledChange();
        return OpeningCountdown.OpensAt(_x.Engine.Session, _x.Engine.Override, next?.At, next?.Opens);
    }

    [Fact]
    public void The_scheduled_pre_open_counts_down_to_the_schedules_open()
    {
        _x.TickAt(At(8, 45));
        Assert.Null(OpensAt()); // closed: no auction yet

        _x.TickAt(At(8, 50));
        Assert.Equal(SessionState.PreOpen, _x.Engine.Session);
        Assert.Equal(At(9), OpensAt());
        Assert.Equal("10:00", OpeningCountdown.Format(OpeningCountdown.Left(At(9), At(8, 50))));
        Assert.Equal("01:05", OpeningCountdown.Format(OpeningCountdown.Left(At(9), At(8, 58, 55))));

        _x.TickAt(At(9));
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        Assert.Null(OpensAt()); // open: the next change is the close

        _x.TickAt(At(12, 50));
        Assert.Equal(At(13), OpensAt()); // the afternoon's pre-open counts to 13:00
    }

    [Fact]
    public void A_pre_open_staff_started_has_no_countdown()
    {
        _x.TickAt(At(8, 52));
        _x.Override(MarketOverride.PreOpen);
        Assert.Equal(SessionState.PreOpen, _x.Engine.Session);
        Assert.NotNull(_x.Engine.NextScheduledChange()); // the schedule still has an open, but staff decide this one
        Assert.Null(OpensAt());
    }

    [Fact]
    public void Seconds_round_up_never_go_negative_and_hours_show()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), OpeningCountdown.Left(At(9), At(8, 59).AddTicks(1)));
        Assert.Equal(TimeSpan.FromSeconds(1), OpeningCountdown.Left(At(9), At(9).AddMilliseconds(-1)));
        Assert.Equal(TimeSpan.Zero, OpeningCountdown.Left(At(9), At(9)));
        Assert.Equal(TimeSpan.Zero, OpeningCountdown.Left(At(9), At(9, 0, 5)));
        Assert.Equal("00:00", OpeningCountdown.Format(TimeSpan.Zero));
        Assert.Equal("59:59", OpeningCountdown.Format(TimeSpan.FromSeconds(3_599)));
        Assert.Equal("1:00:00", OpeningCountdown.Format(TimeSpan.FromHours(1)));
        Assert.Equal("12:03:07", OpeningCountdown.Format(new TimeSpan(12, 3, 7)));
    }

    [Fact]
    public void Only_a_pre_open_with_an_opening_next_change_counts()
    {
        Assert.Null(OpeningCountdown.OpensAt(SessionState.Closed, MarketOverride.None, At(9), true));
        Assert.Null(OpeningCountdown.OpensAt(SessionState.PreOpen, MarketOverride.None, At(9), false));
        Assert.Null(OpeningCountdown.OpensAt(SessionState.PreOpen, MarketOverride.None, null, null));
        Assert.Equal(At(9), OpeningCountdown.OpensAt(SessionState.PreOpen, MarketOverride.None, At(9), true));
    }
}
