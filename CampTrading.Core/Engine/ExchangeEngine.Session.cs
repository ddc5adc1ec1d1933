using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

public sealed partial class ExchangeEngine
{
    private CommandResult SetOverride(SetMarketOverride c)
    {
        if (!Enum.IsDefined(c.Override)) return CommandResult.Reject(RejectCode.InvalidCommand);
        _clock.Override = c.Override;
        AdvanceSession();
        return CommandResult.Ok();
    }

    private CommandResult SetSchedule(SetSchedule c)
    {
        if (c.Intervals is null || !MarketClock.IsValidSchedule(c.Intervals)) return CommandResult.Reject(RejectCode.InvalidSchedule);
        _clock.SetSchedule(c.Intervals);
        AdvanceSession();
        return CommandResult.Ok();
    }

    /// <summary>Re-evaluates the session at the current time and applies open/close effects.</summary>
    private void AdvanceSession()
    {
        var next = _clock.StateAt(_time);
        _nextBoundary = _clock.NextBoundary(_time);
        if (next == Session) return;
        var previous = Session;
        Session = next;
        ref var e = ref NewEvent(EventKind.SessionChanged);
        e.Code = (byte)next;

        if (next == SessionState.Open && previous == SessionState.Closed) OnSessionOpened();
        if (next == SessionState.Closed && Rules.CancelAllAtClose) CancelAllStudentOrders(CancelReason.MarketClosed);
    }

    /// <summary>A new session: the band re-centres on the previous close.</summary>
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
