using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Points;

/// <summary>Recording, repaying and clearing debt (docs/decisions/0005-debt.md).</summary>
public class DebtTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;

    public DebtTests()
    {
        _camp = _x.List("CAMP", 20, 0);
        _alice = _x.OpenAccount("alice", 1_000);
        _bob = _x.OpenAccount("bob", 1_000);
    }

    [Fact]
    public void A_debt_on_an_empty_account_is_only_recorded()
    {
        var carol = _x.OpenAccount("carol");
        var mark = _x.Mark;
        var r = _x.RecordDebt(carol, 300);

        Assert.Equal(carol, r.Id);
        Assert.Equal(0, r.Filled);
        Assert.Equal(300, r.Detail1);
        Assert.Equal(300, _x.Debt(carol));
        Assert.Empty(_x.EventsSince(mark, EventKind.Ledger));
        var changed = Assert.Single(_x.EventsSince(mark, EventKind.AccountChanged));
        Assert.Equal((carol, 300L), (changed.Account, changed.Amount));
        Assert.False(_x.Account(carol).CanSpend);
    }

    [Fact]
    public void A_debt_is_paid_at_once_from_available_points()
    {
        var mark = _x.Mark;
        var r = _x.RecordDebt(_alice, 300);

        Assert.Equal(300, r.Filled);
        Assert.Equal(0, r.Detail1);
        Assert.Equal(0, _x.Debt(_alice));
        Assert.Equal(700, _x.Points(_alice));
        Assert.Equal(300, _x.Points(SystemAccounts.Fines));
        var ledger = _x.EventsSince(mark, EventKind.Ledger);
        Assert.Equal(2, ledger.Length);
        Assert.All(ledger, e => Assert.Equal(LedgerKind.DebtRepayment, e.LedgerKind));
        Assert.All(ledger, e => Assert.Equal(_x.Engine.LastSeq, e.Reference));
        Assert.Contains(ledger, e => e.Account == _alice && e.Amount == -300 && e.BalanceAfter == 700 && e.Other == SystemAccounts.Fines);
        Assert.Equal(0, Assert.Single(_x.EventsSince(mark, EventKind.AccountChanged)).Amount);
        Assert.True(_x.Account(_alice).CanSpend);
    }

    [Fact]
    public void A_debt_larger_than_available_takes_everything_and_the_rest_is_owed()
    {
        var r = _x.RecordDebt(_alice, 1_300);
        Assert.Equal(1_000, r.Filled);
        Assert.Equal(300, r.Detail1);
        Assert.Equal(0, _x.Points(_alice));
        Assert.Equal(300, _x.Debt(_alice));
        Assert.Equal(1_000, _x.Points(SystemAccounts.Fines));
    }

    [Fact]
    public void A_debt_beyond_available_points_cancels_resting_buys_to_reach_their_points()
    {
        var buy = _x.Buy(_alice, _camp, 30, 20); // 600 reserved, 400 available
        var mark = _x.Mark;
        var r = _x.RecordDebt(_alice, 700);

        Assert.Equal(700, r.Filled);
        Assert.Equal(0, _x.Debt(_alice));
        Assert.Equal(300, _x.Points(_alice));
        Assert.Empty(_x.OpenOrders(_alice));
        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal((buy.Id, CancelReason.ByStaff), (cancelled.Order, cancelled.CancelReason));
    }

    [Fact]
    public void A_debt_within_available_points_leaves_resting_buys_alone()
    {
        _x.Buy(_alice, _camp, 30, 20);
        _x.RecordDebt(_alice, 400);
        Assert.Single(_x.OpenOrders(_alice));
        Assert.Equal(600, _x.ReservedPoints(_alice));
        Assert.Equal(0, _x.Debt(_alice));
    }

    [Fact]
    public void A_debt_never_touches_shares_or_resting_sells()
    {
        var carol = _x.OpenAccount("carol");
        _x.GrantShares(carol, _camp, 20);
        _x.Sell(carol, _camp, 10, 21);
        _x.RecordDebt(carol, 500);
        Assert.Equal(20, _x.Shares(carol, _camp));
        Assert.Single(_x.OpenOrders(carol));
        Assert.Equal(500, _x.Debt(carol));
    }

    [Fact]
    public void An_indebted_account_cannot_buy_or_transfer_but_can_sell_and_selling_repays()
    {
        var carol = _x.OpenAccount("carol");
        _x.GrantShares(carol, _camp, 20);
        _x.RecordDebt(carol, 250);

        _x.Reject(new PlaceOrder(carol, _camp, Side.Buy, OrderType.Limit, 1, 20), RejectCode.AccountInDebt);
        _x.Reject(new Transfer(carol, _bob, 1), RejectCode.AccountInDebt);

        _x.Buy(_bob, _camp, 20, 20);
        Assert.Equal(10, _x.Sell(carol, _camp, 10, 20).Filled); // 200 to the debt
        Assert.Equal(50, _x.Debt(carol));
        _x.Sell(carol, _camp, 10, 20);                           // 50 repays the rest, 150 stays
        Assert.Equal(0, _x.Debt(carol));
        Assert.Equal(150, _x.Points(carol));
        Assert.True(_x.Transfer(carol, _bob, 100).IsOk);
    }

    [Fact]
    public void Debts_accumulate_with_takes()
    {
        var carol = _x.OpenAccount("carol");
        _x.RecordDebt(carol, 100);
        _x.GrantPoints(carol, -40);
        _x.RecordDebt(carol, 60);
        Assert.Equal(200, _x.Debt(carol));
    }

    [Fact]
    public void Clearing_forgives_the_rest_without_a_ledger_entry()
    {
        var carol = _x.OpenAccount("carol");
        _x.RecordDebt(carol, 300);
        _x.GrantPoints(carol, 100);
        var mark = _x.Mark;
        var r = _x.ClearDebt(carol);

        Assert.Equal(200, r.Detail1);
        Assert.Equal(0, _x.Debt(carol));
        Assert.Empty(_x.EventsSince(mark, EventKind.Ledger));
        var changed = Assert.Single(_x.EventsSince(mark, EventKind.AccountChanged));
        Assert.Equal((carol, 0L), (changed.Account, changed.Amount));
        Assert.Equal(100, _x.Points(SystemAccounts.Fines)); // what was repaid stays repaid
        Assert.True(_x.Account(carol).CanSpend);

        _x.GrantPoints(carol, 50);
        Assert.Equal(50, _x.Points(carol));
        Assert.True(_x.Transfer(carol, _bob, 10).IsOk);
    }

    [Fact]
    public void Clearing_an_account_that_owes_nothing_changes_nothing()
    {
        var before = _x.StateJson();
        var mark = _x.Mark;
        Assert.Equal(0, _x.ClearDebt(_alice).Detail1);
        Assert.Empty(_x.EventsSince(mark));
        Assert.Equal(before, _x.StateJson());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    [InlineData(Grant.MaxAmount + 1)]
    public void Invalid_debt_amounts_are_refused(long amount)
    {
        _x.Reject(new RecordDebt(_alice, amount, "r", "admin"), RejectCode.InvalidAmount);
    }

    [Theory]
    [InlineData(99_999, RejectCode.AccountUnknown)]
    [InlineData(-3, RejectCode.AccountUnknown)]
    [InlineData(SystemAccounts.Fines, RejectCode.NotPermitted)]
    [InlineData(SystemAccounts.Treasury, RejectCode.NotPermitted)]
    public void Debt_commands_on_unknown_or_system_accounts_are_refused(int account, RejectCode code)
    {
        _x.Reject(new RecordDebt(account, 10, "r", "admin"), code);
        _x.Reject(new ClearDebt(account, "r", "admin"), code);
    }

    [Fact]
    public void After_a_debt_nothing_is_available_and_no_buy_rests()
    {
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var x = new TestExchange();
            var camp = x.List("CAMP");
            var s = x.OpenAccount("s", random.Next(0, 2_000));
            for (var k = random.Next(0, 4); k > 0; k--) x.Buy(s, camp, random.Next(1, 20), random.Next(16, 25));
            var r = x.RecordDebt(s, random.Next(1, 3_000));
            if (r.Detail1 > 0)
            {
                Assert.Equal(0, x.AvailablePoints(s));
                Assert.Empty(x.OpenOrders(s));
            }
        }
    }
}
