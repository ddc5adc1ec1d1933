using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Ledger;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>
/// No sum can overflow: what may exist of each asset is capped (<see cref="Supply"/>), commands that would create more
/// are refused with supply_limit_reached and change nothing, and the invariant checker reports a sum that does not fit
/// instead of wrapping round.
/// </summary>
public sealed class SupplyBoundsTests
{
    private readonly TestExchange _x = new();

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(Supply.MaxShares + 1)]
    public void An_ipo_pool_beyond_the_share_cap_is_refused(long shares) =>
        _x.Reject(new ListInstrument("HUGE", "Huge", 20, shares), RejectCode.InvalidCommand);

    [Fact]
    public void Listing_and_granting_shares_stop_at_the_share_cap_of_all_instruments_together()
    {
        var student = _x.OpenAccount("student");
        var id = (int)_x.Ok(new ListInstrument("CAP", "Capped", 20, Supply.MaxShares - 5)).Id;
        var refused = _x.Reject(new Grant(student, id, 10, "too many", "admin"), RejectCode.SupplyLimitReached);
        Assert.Equal(Supply.MaxShares, refused.Detail1);
        _x.Reject(new ListInstrument("MORE", "More", 20, 10), RejectCode.SupplyLimitReached);
        var other = _x.List("ZERO");
        _x.Reject(new Grant(student, other, 10, "too many elsewhere", "admin"), RejectCode.SupplyLimitReached);
        _x.Ok(new Grant(student, other, 5, "exactly to the cap", "admin"));
        Assert.Equal(Supply.MaxShares, _x.Engine.MintedShares());
    }

    [Fact]
    public void Re_offering_shares_the_treasury_holds_issues_nothing_and_is_not_refused_at_the_cap()
    {
        var id = (int)_x.Ok(new ListInstrument("CAP", "Capped", 20, Supply.MaxShares)).Id;
        _x.Ok(new SetIpoOffer(id, 20, SetIpoOffer.MaxShares, "admin"));
        _x.Ok(new SetIpoOffer(id, 20, SetIpoOffer.MaxShares, "admin"));
        Assert.Equal(Supply.MaxShares, _x.Engine.Minted(id));
    }

    [Fact]
    public void Grants_and_group_grants_stop_at_the_points_cap()
    {
        var a = _x.OpenAccount("a");
        var b = _x.OpenAccount("b");
        var steps = Supply.MaxPoints / Grant.MaxAmount;
        for (var i = 0; i < steps - 1; i++) _x.Ok(new Grant(a, Assets.Points, Grant.MaxAmount, "fill", "admin"));

        // One more each for two students would pass the cap: the group grant is refused as a whole.
        _x.Reject(new GrantToGroup(null, Grant.MaxAmount, "everyone", "admin"), RejectCode.SupplyLimitReached);
        _x.Ok(new Grant(b, Assets.Points, Grant.MaxAmount, "to the cap", "admin"));
        _x.Reject(new Grant(b, Assets.Points, 1, "one too many", "admin"), RejectCode.SupplyLimitReached);
        Assert.Equal(Supply.MaxPoints, _x.Engine.Minted(Assets.Points));

        // Taking some back makes room again.
        _x.Ok(new Grant(a, Assets.Points, -10, "take", "admin"));
        _x.Ok(new Grant(b, Assets.Points, 10, "room again", "admin"));
    }

    [Fact]
    public void Debt_stops_at_the_points_cap()
    {
        var a = _x.OpenAccount("a");
        var steps = Supply.MaxPoints / Grant.MaxAmount;
        for (var i = 0; i < steps; i++) _x.Ok(new RecordDebt(a, Grant.MaxAmount, "fine", "admin"));
        _x.Reject(new RecordDebt(a, 1, "one more", "admin"), RejectCode.SupplyLimitReached);
        _x.Reject(new Grant(a, Assets.Points, -1, "take into debt", "admin"), RejectCode.SupplyLimitReached);
        Assert.Equal(Supply.MaxPoints, _x.Account(a).Debt);
    }

    [Fact]
    public void A_settlement_whose_payout_would_pass_the_points_cap_is_refused()
    {
        var holder = _x.OpenAccount("holder");
        var id = _x.List("HOARD");
        _x.Ok(new Grant(holder, id, Grant.MaxAmount, "hoard", "admin"));
        // 10^12 shares at 10^6 points: 10^18 points, a hundred times what may exist.
        var refused = _x.Reject(new Settle(SettlementPriceMode.Fixed, new Dictionary<int, long> { [id] = Instrument.MaxPrice }, "admin"),
            RejectCode.SupplyLimitReached);
        Assert.Equal(Supply.MaxPoints, refused.Detail1);
        Assert.False(_x.Engine.IsSettled);
        _x.Ok(new Settle(SettlementPriceMode.Fixed, new Dictionary<int, long> { [id] = 1_000 }, "admin"));
    }

    [Fact]
    public void Grants_group_grants_and_fines_after_settlement_are_refused()
    {
        var a = _x.OpenAccount("a", points: 100);
        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        _x.Reject(new Grant(a, Assets.Points, 50, "late prize", "admin"), RejectCode.MarketSettled);
        _x.Reject(new Grant(a, Assets.Points, -50, "late fine", "admin"), RejectCode.MarketSettled);
        _x.Reject(new GrantToGroup(null, 50, "late bonus", "admin"), RejectCode.MarketSettled);
        _x.Reject(new RecordDebt(a, 50, "late fine", "admin"), RejectCode.MarketSettled);
        Assert.Equal(100, _x.Points(a));
    }

    [Fact]
    public void The_invariant_checker_reports_sums_that_overflow_instead_of_wrapping_to_zero()
    {
        var a = _x.OpenAccount("a");
        var b = _x.OpenAccount("b");
        var snapshot = _x.Engine.CreateSnapshot();
        // MaxValue + MaxValue + 2 wraps to exactly 0 in unchecked arithmetic: the books would look balanced.
        var accounts = snapshot.Accounts.Select(s => s.Id switch
        {
            _ when s.Id == a || s.Id == b => s with { Balances = [long.MaxValue] },
            SystemAccounts.Grants => s with { Balances = [2] },
            _ => s with { Balances = new long[s.Balances.Length] },
        }).ToArray();
        var corrupt = ExchangeEngine.Restore(snapshot with { Accounts = accounts });

        var problems = InvariantChecker.Check(corrupt);
        Assert.Contains(problems, p => p.Contains("overflow", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => InvariantChecker.Assert(corrupt));
    }
}
