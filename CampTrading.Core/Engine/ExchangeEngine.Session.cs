using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

public sealed partial class ExchangeEngine
{
    private CommandResult SetOverride(SetMarketOverride c)
    {
        if (!Enum.IsDefined(c.Override)) return CommandResult.Reject(RejectCode.InvalidCommand);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled); // closed for good
        _clock.Override = c.Override;
        AdvanceSession();
        return CommandResult.Ok();
    }

    private CommandResult SetSchedule(SetSchedule c)
    {
        if (c.Intervals is null || !MarketClock.IsValidSchedule(c.Intervals)) return CommandResult.Reject(RejectCode.InvalidSchedule);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);
        _clock.SetSchedule(c.Intervals);
        AdvanceSession();
        return CommandResult.Ok();
    }

    /// <summary>Re-evaluates the session now (after an override or schedule change).</summary>
    private void AdvanceSession()
    {
        EnterState(_clock.StateAt(_time));
        _nextBoundary = _clock.NextBoundary(_time);
    }

    /// <summary>
    /// Walks every scheduled boundary up to now in order, so a session whose tick never came (the
    /// process was down across it) still closes, cancels at close and re-centres as it should have.
    /// </summary>
    private void CatchUpSessions()
    {
        while (_nextBoundary <= _time)
        {
            var at = _nextBoundary;
            EnterState(_clock.StateAt(at));
            _nextBoundary = _clock.NextBoundary(at);
        }
    }

    private void EnterState(SessionState next)
    {
        if (next == Session) return;
        Session = next;
        ref var e = ref NewEvent(EventKind.SessionChanged);
        e.Code = (byte)next;

        // A session starts at the first open (or pre-open) after a close, even by way of a halt.
        if (next is SessionState.Open or SessionState.PreOpen && _awaitingOpen)
        {
            _awaitingOpen = false;
            OnSessionOpened();
        }
        if (next == SessionState.PreOpen) OfferPoolsToAuction();
        if (next == SessionState.Open) RunOpeningAuctions();
        if (next == SessionState.Closed)
        {
            _awaitingOpen = true;
            TakePoolsOutOfBook();
            if (Rules.CancelAllAtClose) CancelAllStudentOrders(CancelReason.MarketClosed);
        }
    }

    /// <summary>A new session: the band re-centres on the previous close (before the pre-open, so its orders meet the open's band).</summary>
    private void OnSessionOpened()
    {
        foreach (var instrument in _instruments)
        {
            if (instrument.LastPrice != 0) instrument.ReferencePrice = instrument.LastPrice;
            PurgeOutsideBand(instrument);
        }
    }

    public (DateTimeOffset At, bool Opens)? NextScheduledChange() => _clock.NextScheduledChange(_time);
}
