using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Points;

/// <summary>Frozen (cannot spend) and disabled (cannot act) across orders and transfers; teams.</summary>
public class RestrictionTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;

    public RestrictionTests()
    {
        _camp = _x.List("CAMP", 20, 0);
        _alice = _x.OpenAccount("alice", 1_000);
        _bob = _x.OpenAccount("bob", 1_000);
        _x.GrantShares(_alice, _camp, 50);
    }

    private PlaceOrder BuyOrder(int account) => new(account, _camp, Side.Buy, OrderType.Limit, 1, 20);
    private PlaceOrder SellOrder(int account) => new(account, _camp, Side.Sell, OrderType.Limit, 1, 22);

    [Fact]
    public void Freezing_cancels_resting_buys_keeps_sells_and_reports_the_change()
    {
        var buy = _x.Buy(_alice, _camp, 10, 19);
        var sell = _x.Sell(_alice, _camp, 10, 23);
        var mark = _x.Mark;
        _x.Restrict(_alice, AccountRestrictions.Frozen);

        Assert.Equal(AccountRestrictions.Frozen, _x.Account(_alice).Restrictions);
        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal((buy.Id, CancelReason.ByStaff), (cancelled.Order, cancelled.CancelReason));
        Assert.Equal([sell.Id], _x.OpenOrders(_alice).Select(o => o.Id));
        Assert.Equal(0, _x.ReservedPoints(_alice));
        var changed = Assert.Single(_x.EventsSince(mark, EventKind.AccountChanged));
        Assert.Equal((byte)AccountRestrictions.Frozen, changed.Code);
    }

    [Fact]
    public void A_frozen_account_cannot_buy_or_send_but_can_sell_and_receive()
    {
        _x.Restrict(_alice, AccountRestrictions.Frozen);
        _x.Reject(BuyOrder(_alice), RejectCode.AccountFrozen);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Market, 1), RejectCode.AccountFrozen);
        _x.Reject(new Transfer(_alice, _bob, 10), RejectCode.AccountFrozen);

        _x.Buy(_bob, _camp, 5, 20);
        Assert.Equal(5, _x.Sell(_alice, _camp, 5, 20).Filled);
        Assert.True(_x.Transfer(_bob, _alice, 10).IsOk);
        Assert.Equal(1_000 + 100 + 10, _x.Points(_alice));
    }

    [Fact]
    public void Disabling_cancels_every_resting_order()
    {
        _x.Buy(_alice, _camp, 10, 19);
        _x.Sell(_alice, _camp, 10, 23);
        var mark = _x.Mark;
        _x.Restrict(_alice, AccountRestrictions.Disabled);

        Assert.Equal(2, _x.EventsSince(mark, EventKind.OrderCancelled).Length);
        Assert.Empty(_x.OpenOrders(_alice));
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(0, _x.ReservedShares(_alice, _camp));
    }

    [Fact]
    public void A_disabled_account_cannot_order_send_or_receive_transfers()
    {
        _x.Restrict(_alice, AccountRestrictions.Disabled);
        _x.Reject(BuyOrder(_alice), RejectCode.AccountDisabled);
        _x.Reject(SellOrder(_alice), RejectCode.AccountDisabled);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Sell, OrderType.Market, 1), RejectCode.AccountDisabled);
        _x.Reject(new Transfer(_alice, _bob, 10), RejectCode.AccountDisabled);
        _x.Reject(new Transfer(_bob, _alice, 10), RejectCode.AccountDisabled);
    }

    [Fact]
    public void Disabled_wins_over_frozen()
    {
        _x.Restrict(_alice, AccountRestrictions.Disabled | AccountRestrictions.Frozen);
        _x.Reject(BuyOrder(_alice), RejectCode.AccountDisabled);
        _x.Reject(SellOrder(_alice), RejectCode.AccountDisabled);
        _x.Reject(new Transfer(_alice, _bob, 10), RejectCode.AccountDisabled);
    }

    [Fact]
    public void Lifting_restrictions_restores_everything()
    {
        _x.Restrict(_alice, AccountRestrictions.Disabled | AccountRestrictions.Frozen);
        _x.Restrict(_alice, AccountRestrictions.None);
        Assert.True(_x.Apply(BuyOrder(_alice)).IsOk);
        Assert.True(_x.Apply(SellOrder(_alice)).IsOk);
        Assert.True(_x.Transfer(_alice, _bob, 10).IsOk);
        Assert.True(_x.Account(_alice).CanSpend);
    }

    [Fact]
    public void A_disabled_account_still_receives_staff_grants()
    {
        _x.Restrict(_alice, AccountRestrictions.Disabled);
        _x.GrantPoints(_alice, 5);
        Assert.Equal(1_005, _x.Points(_alice));
    }

    [Theory]
    [InlineData((AccountRestrictions)4)]
    [InlineData((AccountRestrictions)255)]
    public void Unknown_restriction_flags_are_refused(AccountRestrictions restrictions)
    {
        _x.Reject(new SetRestrictions(_alice, restrictions, "admin"), RejectCode.InvalidCommand);
    }

    [Theory]
    [InlineData(99_999, RejectCode.AccountUnknown)]
    [InlineData(SystemAccounts.Fees, RejectCode.NotPermitted)]
    public void Restrictions_and_teams_on_unknown_or_system_accounts_are_refused(int account, RejectCode code)
    {
        _x.Reject(new SetRestrictions(account, AccountRestrictions.Frozen, "admin"), code);
        _x.Reject(new SetTeam(account, "Red", "admin"), code);
    }

    [Fact]
    public void Set_team_trims_clears_and_reports_the_change()
    {
        var mark = _x.Mark;
        _x.SetTeam(_alice, "  Red  ");
        Assert.Equal("Red", _x.Account(_alice).Team);
        Assert.Equal(_alice, Assert.Single(_x.EventsSince(mark, EventKind.AccountChanged)).Account);
        _x.SetTeam(_alice, "   ");
        Assert.Null(_x.Account(_alice).Team);
        _x.SetTeam(_alice, "紅隊");
        Assert.Equal("紅隊", _x.Account(_alice).Team);
        _x.SetTeam(_alice, null);
        Assert.Null(_x.Account(_alice).Team);
    }

    [Fact]
    public void An_overlong_team_name_is_refused()
    {
        _x.Reject(new SetTeam(_alice, new string('t', SetTeam.MaxTeamLength + 1), "admin"), RejectCode.InvalidCommand);
        _x.SetTeam(_alice, new string('t', SetTeam.MaxTeamLength));
    }
}
