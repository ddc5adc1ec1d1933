using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>The schedule, the admin override, re-centring the band at each session open, cancel-all at close.</summary>
public class SessionTests
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Morning = new(2025, 7, 1, 8, 0, 0, Taipei);
    private static DateTimeOffset At(int hour, int minute = 0, int day = 1) => new(2025, 7, day, hour, minute, 0, Taipei);

    private readonly TestExchange _x = new(forceOpen: false, start: Morning);
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;

    public SessionTests()
    {
        _camp = _x.List("CAMP");
        _alice = _x.OpenAccount("alice", 10_000);
        _bob = _x.OpenAccount("bob", 10_000);
        _x.GrantShares(_alice, _camp, 100);
        _x.GrantShares(_bob, _camp, 100);
    }

    private void TwoSessions() => _x.Ok(new SetSchedule([new(At(9), At(12)), new(At(13), At(17))], "admin"));

    private SessionState[] SessionChanges(int mark) => [.. _x.EventsSince(mark, EventKind.SessionChanged).Select(e => e.Session)];

    [Fact]
    public void Market_is_closed_with_no_schedule_and_no_override()
    {
        _x.Tick();
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        Assert.Equal(MarketOverride.None, _x.Engine.Override);
        Assert.Equal(long.MaxValue, _x.Engine.NextWakeUp);
    }

    [Fact]
    public void Schedule_opens_and_closes_the_market_as_time_passes()
    {
        TwoSessions();
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        Assert.Equal(At(9).UtcTicks, _x.Engine.NextWakeUp);
        Assert.Equal((At(9), true), _x.Engine.NextScheduledChange());

        var mark = _x.Mark;
        _x.TickAt(At(9));
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        Assert.Equal([SessionState.Open], SessionChanges(mark));
        Assert.Equal(At(12).UtcTicks, _x.Engine.NextWakeUp);
        Assert.Equal((At(12), false), _x.Engine.NextScheduledChange());
        Assert.True(_x.Buy(_alice, _camp, 1, 20).IsOk);

        mark = _x.Mark;
        _x.TickAt(At(11, 59));
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        Assert.Empty(SessionChanges(mark));

        _x.TickAt(At(12));
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        Assert.Equal([SessionState.Closed], SessionChanges(mark));
        Assert.Equal(At(13).UtcTicks, _x.Engine.NextWakeUp);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Limit, 1, 20), RejectCode.MarketClosed);

        _x.TickAt(At(13));
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        _x.TickAt(At(17));
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        Assert.Equal(long.MaxValue, _x.Engine.NextWakeUp);
        Assert.Null(_x.Engine.NextScheduledChange());
    }

    [Fact]
    public void Any_command_past_a_boundary_sees_the_new_session_without_a_tick()
    {
        TwoSessions();
        var mark = _x.Mark;
        var r = _x.ApplyAt(At(9, 1), new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Limit, 1, 20));

        Assert.True(r.IsOk);
        var events = _x.EventsSince(mark);
        Assert.Equal(EventKind.SessionChanged, events[0].Kind); // the session change comes first
        Assert.Equal(EventKind.OrderAccepted, events[1].Kind);
    }

    [Fact]
    public void Schedule_set_inside_an_interval_opens_at_once()
    {
        var mark = _x.Mark;
        _x.Ok(new SetSchedule([new(At(7), At(10))], "admin"));
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        Assert.Equal([SessionState.Open], SessionChanges(mark));
        Assert.Equal(At(10).UtcTicks, _x.Engine.NextWakeUp);
    }

    [Fact]
    public void Schedule_given_out_of_order_is_sorted()
    {
        _x.Ok(new SetSchedule([new(At(13), At(17)), new(At(9), At(12))], "admin"));
        Assert.Equal([At(9), At(13)], _x.Engine.Schedule.Select(i => i.Start));
        Assert.Equal(At(9).UtcTicks, _x.Engine.NextWakeUp);
    }

    [Fact]
    public void Adjacent_intervals_keep_the_market_open()
    {
        _x.Ok(new SetSchedule([new(At(9), At(12)), new(At(12), At(14))], "admin"));
        _x.TickAt(At(9));
        var mark = _x.Mark;
        _x.TickAt(At(12));
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        Assert.Empty(SessionChanges(mark));
        _x.TickAt(At(14));
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
    }

    [Fact]
    public void Force_close_wins_over_an_open_schedule_until_cleared()
    {
        TwoSessions();
        _x.TickAt(At(9));
        var mark = _x.Mark;

        _x.Override(MarketOverride.ForceClose);
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        Assert.Equal(long.MaxValue, _x.Engine.NextWakeUp);
        _x.TickAt(At(13, 30));
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Limit, 1, 20), RejectCode.MarketClosed);

        _x.Override(MarketOverride.None);
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        Assert.Equal(At(17).UtcTicks, _x.Engine.NextWakeUp);
        Assert.Equal([SessionState.Closed, SessionState.Open], SessionChanges(mark));
    }

    [Fact]
    public void Force_open_wins_over_a_closed_schedule_until_cleared()
    {
        TwoSessions();
        _x.Override(MarketOverride.ForceOpen);
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        Assert.True(_x.Buy(_alice, _camp, 1, 20).IsOk);

        _x.TickAt(At(12, 30)); // between sessions
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        _x.TickAt(At(18));
        Assert.Equal(SessionState.Open, _x.Engine.Session);

        _x.Override(MarketOverride.None);
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
    }

    [Fact]
    public void Halt_wins_over_an_open_schedule_and_rejects_orders_until_cleared()
    {
        TwoSessions();
        _x.TickAt(At(9));
        var resting = _x.Buy(_alice, _camp, 5, 19);
        var mark = _x.Mark;

        _x.Override(MarketOverride.Halt);
        Assert.Equal(SessionState.Halted, _x.Engine.Session);
        _x.Reject(new PlaceOrder(_bob, _camp, Side.Sell, OrderType.Limit, 1, 19), RejectCode.MarketHalted);
        _x.TickAt(At(12, 30));
        Assert.Equal(SessionState.Halted, _x.Engine.Session);
        Assert.Single(_x.OpenOrders(_alice)); // a halt keeps the book

        // Cancelling still works while halted.
        Assert.True(_x.Cancel(_alice, resting.Id).IsOk);

        _x.Override(MarketOverride.None);
        Assert.Equal(SessionState.Closed, _x.Engine.Session); // 12:30 is between sessions
        Assert.Equal([SessionState.Halted, SessionState.Closed], SessionChanges(mark));
    }

    [Fact]
    public void Setting_the_same_override_twice_emits_one_change()
    {
        var mark = _x.Mark;
        _x.Override(MarketOverride.ForceOpen);
        _x.Override(MarketOverride.ForceOpen);
        Assert.Equal([SessionState.Open], SessionChanges(mark));
    }

    [Fact]
    public void Reference_price_recentres_on_the_last_trade_at_the_next_session_open()
    {
        TwoSessions();
        _x.TickAt(At(9));
        _x.Sell(_alice, _camp, 5, 23);
        _x.Buy(_bob, _camp, 5, 23);
        var camp = _x.Instrument(_camp);
        Assert.Equal(23, camp.LastPrice);
        Assert.Equal(20, camp.ReferencePrice); // not within the session
        _x.Reject(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 1, 25), RejectCode.PriceOutsideBand);

        _x.TickAt(At(12));
        Assert.Equal(20, camp.ReferencePrice); // not at the close either
        _x.TickAt(At(13));
        Assert.Equal(23, camp.ReferencePrice);
        Assert.Equal(19, camp.BandLow(20));   // 18.4 rounded up
        Assert.Equal(27, camp.BandHigh(20));  // 27.6 rounded down
        Assert.True(_x.Buy(_bob, _camp, 1, 25).IsOk);
        var r = _x.Reject(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 1, 18), RejectCode.PriceOutsideBand);
        Assert.Equal((19L, 27L), (r.Detail1, r.Detail2));
    }

    [Fact]
    public void Reference_price_stays_when_nothing_traded()
    {
        TwoSessions();
        _x.TickAt(At(9));
        _x.TickAt(At(12));
        _x.TickAt(At(13));
        Assert.Equal(20, _x.Instrument(_camp).ReferencePrice);
    }

    [Fact]
    public void Force_open_from_closed_is_a_new_session_and_recentres()
    {
        _x.Override(MarketOverride.ForceOpen);
        _x.Sell(_alice, _camp, 1, 17);
        _x.Buy(_bob, _camp, 1, 17);
        _x.Override(MarketOverride.ForceClose);
        _x.Override(MarketOverride.ForceOpen);
        Assert.Equal(17, _x.Instrument(_camp).ReferencePrice);
    }

    [Fact]
    public void Resuming_from_a_halt_is_the_same_session_and_does_not_recentre()
    {
        _x.Override(MarketOverride.ForceOpen);
        _x.Sell(_alice, _camp, 1, 17);
        _x.Buy(_bob, _camp, 1, 17);
        _x.Override(MarketOverride.Halt);
        _x.Override(MarketOverride.ForceOpen);
        Assert.Equal(20, _x.Instrument(_camp).ReferencePrice);
    }

    [Fact]
    public void Recentring_cancels_asks_below_and_bids_above_the_new_band()
    {
        _x.Override(MarketOverride.ForceOpen);
        _x.Sell(_alice, _camp, 1, 24);
        _x.Buy(_bob, _camp, 1, 24);                // last 24: next band 20..28
        var cheapAsk = _x.Sell(_alice, _camp, 5, 17);  // below the next band
        var lowBid = _x.Buy(_bob, _camp, 5, 16);       // beyond the far edge: harmless, stays
        var highAsk = _x.Sell(_bob, _camp, 5, 24);     // inside: stays

        _x.Override(MarketOverride.ForceClose);
        var mark = _x.Mark;
        _x.Override(MarketOverride.ForceOpen);

        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal(cheapAsk.Id, cancelled.Order);
        Assert.Equal(CancelReason.OutsideBand, cancelled.CancelReason);
        Assert.Equal(0, _x.ReservedShares(_alice, _camp));
        Assert.Equal([lowBid.Id], _x.QueueOf(_camp, Side.Buy));
        Assert.Equal([highAsk.Id], _x.QueueOf(_camp, Side.Sell));
    }

    [Fact]
    public void Recentring_down_cancels_bids_above_the_new_band()
    {
        _x.Override(MarketOverride.ForceOpen);
        _x.Buy(_bob, _camp, 1, 16);
        _x.Sell(_alice, _camp, 1, 16);             // last 16: next band 13..19
        var highBid = _x.Buy(_bob, _camp, 5, 21);

        _x.Override(MarketOverride.ForceClose);
        _x.Override(MarketOverride.ForceOpen);

        Assert.Empty(_x.OpenOrders(_bob));
        Assert.Equal(0, _x.ReservedPoints(_bob));
        Assert.Equal(10_000 - 16, _x.Points(_bob));
        Assert.DoesNotContain(highBid.Id, _x.QueueOf(_camp, Side.Buy));
    }

    [Fact]
    public void Narrowing_the_band_cancels_orders_that_would_trade_outside_it()
    {
        _x.Override(MarketOverride.ForceOpen);
        var lowAsk = _x.Sell(_alice, _camp, 5, 17);
        var highBid = _x.Buy(_bob, _camp, 5, 16);
        var mark = _x.Mark;
        _x.SetRules(new() { BandPercent = 10 }); // 18..22

        Assert.Equal([lowAsk.Id], _x.EventsSince(mark, EventKind.OrderCancelled).Select(e => e.Order));
        Assert.Equal(EventKind.RulesChanged, _x.EventsSince(mark)[0].Kind);
        Assert.Equal([highBid.Id], _x.QueueOf(_camp, Side.Buy));
    }

    [Fact]
    public void Resting_orders_stay_over_a_close_by_default()
    {
        TwoSessions();
        _x.TickAt(At(9));
        var bid = _x.Buy(_alice, _camp, 5, 19);
        _x.TickAt(At(12));
        _x.TickAt(At(13));

        Assert.Equal(bid.Id, Assert.Single(_x.OpenOrders(_alice)).Id);
        Assert.Equal(95, _x.ReservedPoints(_alice));
    }

    [Fact]
    public void Cancel_all_at_close_cancels_every_student_order_but_not_the_ipo()
    {
        var x = new TestExchange(forceOpen: false, start: Morning);
        var camp = x.List("CAMP", 20, 1_000);
        var alice = x.OpenAccount("alice", 10_000);
        x.GrantShares(alice, camp, 10);
        x.SetRules(new() { CancelAllAtClose = true });
        x.Ok(new SetSchedule([new(At(9), At(12))], "admin"));
        x.TickAt(At(9));
        var bid = x.Buy(alice, camp, 5, 19);
        var ask = x.Sell(alice, camp, 5, 22);
        var ipo = x.Instrument(camp).IpoOrderId;

        var mark = x.Mark;
        x.TickAt(At(12));

        var cancelled = x.EventsSince(mark, EventKind.OrderCancelled);
        Assert.Equal([bid.Id, ask.Id], cancelled.Select(e => e.Order));
        Assert.All(cancelled, e => Assert.Equal(CancelReason.MarketClosed, e.CancelReason));
        Assert.Empty(x.OpenOrders(alice));
        Assert.Equal(0, x.ReservedPoints(alice));
        Assert.Equal(0, x.ReservedShares(alice, camp));
        Assert.Equal([ipo], x.QueueOf(camp, Side.Sell));
    }

    [Fact]
    public void Cancel_all_at_close_also_applies_to_a_forced_close_but_not_to_a_halt()
    {
        _x.SetRules(new() { CancelAllAtClose = true });
        _x.Override(MarketOverride.ForceOpen);
        _x.Buy(_alice, _camp, 5, 19);
        _x.Override(MarketOverride.Halt);
        Assert.Single(_x.OpenOrders(_alice));
        _x.Override(MarketOverride.ForceClose);
        Assert.Empty(_x.OpenOrders(_alice));
    }

    [Fact]
    public void Time_never_runs_backwards()
    {
        TwoSessions();
        _x.TickAt(At(10));
        _x.ApplyAt(At(8), new Tick());
        Assert.Equal(At(10).UtcTicks, _x.Engine.LastTime);
        Assert.Equal(SessionState.Open, _x.Engine.Session);
    }

    [Fact]
    public void Session_changes_are_stamped_with_the_commands_seq_and_time()
    {
        TwoSessions();
        var mark = _x.Mark;
        _x.TickAt(At(9, 0));
        var e = Assert.Single(_x.EventsSince(mark));
        Assert.Equal(EventKind.SessionChanged, e.Kind);
        Assert.Equal(_x.Engine.LastSeq, e.Seq);
        Assert.Equal(At(9).UtcTicks, e.Time);
    }

    [Fact]
    public void Schedule_is_in_the_camp_time_zone()
    {
        Assert.Equal("Asia/Taipei", _x.Engine.Settings.TimeZoneId);
        Assert.Equal(Taipei, _x.Engine.TimeZone.GetUtcOffset(At(9)));
    }

    [Fact]
    public void A_close_whose_tick_never_came_still_cancels_at_close()
    {
        _x.SetRules(new TradingRules { CancelAllAtClose = true });
        _x.Ok(new SetSchedule([new(At(9), At(12)), new(At(13), At(14))], "admin"));
        var resting = _x.ApplyAt(At(9, 30), new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Limit, 1, 18));
        Assert.Equal(OrderStatus.Open, resting.Status);
        var mark = _x.Mark;

        _x.TickAt(At(15)); // no tick at 12:00, 13:00 or 14:00

        Assert.Equal([SessionState.Closed, SessionState.Open, SessionState.Closed], SessionChanges(mark));
        Assert.Empty(_x.OpenOrders(_alice));
        Assert.Contains(_x.EventsSince(mark, EventKind.OrderCancelled), e => e.Order == resting.Id && e.CancelReason == CancelReason.MarketClosed);
    }

    [Fact]
    public void Opening_by_way_of_a_halt_after_a_close_is_a_new_session_and_recentres()
    {
        _x.Override(MarketOverride.ForceOpen);
        _x.Sell(_bob, _camp, 1, 23);
        _x.Buy(_alice, _camp, 1, 23);
        _x.Override(MarketOverride.ForceClose);
        _x.Override(MarketOverride.Halt);
        Assert.Equal(20, _x.Instrument(_camp).ReferencePrice);

        _x.Override(MarketOverride.ForceOpen);

        Assert.Equal(23, _x.Instrument(_camp).ReferencePrice);
    }
}
