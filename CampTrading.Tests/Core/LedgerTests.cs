using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>Double entry, ledger events, grants, debt and its repayment.</summary>
public class LedgerTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;

    public LedgerTests()
    {
        _camp = _x.List("CAMP", 20, 1_000);
        _alice = _x.OpenAccount("alice", 1_000);
        _bob = _x.OpenAccount("bob", 1_000);
    }

    private long Sum(int asset) => _x.Engine.Accounts().Sum(a => a.Balance(asset));

    [Fact]
    public void Every_asset_sums_to_zero_over_all_accounts()
    {
        _x.GrantShares(_alice, _camp, 30);
        _x.Buy(_bob, _camp, 25, 20);
        _x.Sell(_alice, _camp, 10, 21);
        _x.Buy(_bob, _camp, 5, 21);
        _x.GrantPoints(_bob, -100);

        Assert.Equal(0, Sum(Assets.Points));
        Assert.Equal(0, Sum(_camp));
        Assert.Equal(-2_000 + 100, _x.Points(SystemAccounts.Grants));
        Assert.Equal(-1_030, _x.Shares(SystemAccounts.Issuance, _camp));
    }

    [Fact]
    public void Every_balance_change_has_a_ledger_entry_with_the_right_balance_after()
    {
        _x.GrantShares(_alice, _camp, 30);
        _x.Buy(_bob, _camp, 25, 20);
        _x.Sell(_alice, _camp, 10, 21);
        _x.Buy(_bob, _camp, 5, 21);
        _x.GrantPoints(_alice, -5_000); // into debt
        _x.Sell(_alice, _camp, 20, 19);
        _x.Buy(_bob, _camp, 20, 19);
        _x.Ok(new WithdrawIpo(_camp));

        var audit = LedgerAudit.Verify(_x.Engine);
        Assert.True(audit.Entries > 20);
    }

    [Fact]
    public void A_trade_writes_four_ledger_entries_referencing_the_trade()
    {
        _x.Ok(new WithdrawIpo(_camp));
        _x.GrantShares(_alice, _camp, 10);
        _x.Sell(_alice, _camp, 10, 21);
        var mark = _x.Mark;
        _x.Buy(_bob, _camp, 10, 21);

        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        var ledger = _x.EventsSince(mark, EventKind.Ledger);
        Assert.Equal(4, ledger.Length);
        Assert.All(ledger, e => Assert.Equal(LedgerKind.Trade, e.LedgerKind));
        Assert.All(ledger, e => Assert.Equal(trade.Reference, e.Reference));
        Assert.Contains(ledger, e => e is { Account: var a, Asset: Assets.Points, Amount: -210, BalanceAfter: 790, Other: var o } && a == _bob && o == _alice);
        Assert.Contains(ledger, e => e is { Account: var a, Asset: Assets.Points, Amount: 210, BalanceAfter: 1_210 } && a == _alice);
        Assert.Contains(ledger, e => e.Account == _alice && e.Asset == _camp && e.Amount == -10 && e.BalanceAfter == 0);
        Assert.Contains(ledger, e => e.Account == _bob && e.Asset == _camp && e.Amount == 10 && e.BalanceAfter == 10);
    }

    [Fact]
    public void Trade_ids_are_unique_and_increasing()
    {
        _x.GrantShares(_alice, _camp, 10);
        var mark = _x.Mark;
        _x.Buy(_bob, _camp, 5, 20); // from the IPO
        _x.Sell(_alice, _camp, 10, 21);
        _x.Buy(_bob, _camp, 3, 21);
        _x.Buy(_bob, _camp, 3, 21);

        var ids = _x.EventsSince(mark, EventKind.Trade).Select(t => t.Reference).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Granting_points_moves_them_from_the_grants_account()
    {
        var mark = _x.Mark;
        _x.GrantPoints(_alice, 250);

        var ledger = _x.EventsSince(mark, EventKind.Ledger);
        Assert.Equal(2, ledger.Length);
        Assert.Equal((SystemAccounts.Grants, -250L, _alice), (ledger[0].Account, ledger[0].Amount, ledger[0].Other));
        Assert.Equal((_alice, 250L, 1_250L), (ledger[1].Account, ledger[1].Amount, ledger[1].BalanceAfter));
        Assert.All(ledger, e => Assert.Equal(LedgerKind.Grant, e.LedgerKind));
        Assert.Equal(1_250, _x.Points(_alice));
    }

    [Fact]
    public void Granting_shares_moves_them_from_issuance()
    {
        _x.GrantShares(_alice, _camp, 40);
        Assert.Equal(40, _x.Shares(_alice, _camp));
        Assert.Equal(-1_040, _x.Shares(SystemAccounts.Issuance, _camp));
    }

    [Fact]
    public void Taking_points_within_the_available_balance_creates_no_debt()
    {
        var r = _x.GrantPoints(_alice, -400);
        Assert.Equal(400, r.Filled);
        Assert.Equal(0, r.Detail1);
        Assert.Equal(600, _x.Points(_alice));
        Assert.Equal(0, _x.Account(_alice).Debt);
        Assert.Equal(-1_600, _x.Points(SystemAccounts.Grants));
    }

    [Fact]
    public void Taking_more_points_than_available_takes_all_and_records_the_shortfall_as_debt()
    {
        var mark = _x.Mark;
        var r = _x.GrantPoints(_alice, -1_250);

        Assert.Equal(1_000, r.Filled);
        Assert.Equal(250, r.Detail1);
        Assert.Equal(0, _x.Points(_alice));
        Assert.Equal(250, _x.Account(_alice).Debt);
        Assert.False(_x.Account(_alice).CanSpend);
        var changed = Assert.Single(_x.EventsSince(mark, EventKind.AccountChanged));
        Assert.Equal(_alice, changed.Account);
        Assert.Equal(250, changed.Amount);
    }

    [Fact]
    public void A_fine_larger_than_available_points_cancels_resting_buys_first_so_an_indebted_account_cannot_buy()
    {
        _x.GrantShares(_bob, _camp, 10);
        _x.Sell(_bob, _camp, 10, 24);
        var buy = _x.Buy(_alice, _camp, 10, 19); // reserves 190

        var r = _x.GrantPoints(_alice, -1_000);

        Assert.Equal(1_000, r.Filled);
        Assert.Equal(0, r.Detail1);
        Assert.Equal(0, _x.Points(_alice));
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(0, _x.Account(_alice).Debt);
        Assert.Empty(_x.Engine.OpenOrdersOf(_alice));
        Assert.Contains(_x.Engine.Events.Span.ToArray(), e => e.Kind == EventKind.OrderCancelled && e.Order == buy.Id && e.CancelReason == CancelReason.ByStaff);
    }

    [Fact]
    public void A_fine_within_available_points_leaves_resting_buys_alone()
    {
        _x.Buy(_alice, _camp, 10, 19); // reserves 190 of 1,000
        _x.GrantPoints(_alice, -500);
        Assert.Equal(500, _x.Points(_alice));
        Assert.Equal(190, _x.ReservedPoints(_alice));
        Assert.Single(_x.Engine.OpenOrdersOf(_alice));
    }

    [Fact]
    public void Taking_shares_takes_at_most_the_available_shares_and_never_creates_debt()
    {
        _x.GrantShares(_alice, _camp, 10);
        _x.Sell(_alice, _camp, 4, 24);
        var r = _x.GrantShares(_alice, _camp, -50);

        Assert.Equal(10, r.Filled); // the resting sell is cancelled so all 10 can be taken
        Assert.Equal(40, r.Detail1);
        Assert.Equal(0, _x.Shares(_alice, _camp));
        Assert.Equal(0, _x.ReservedShares(_alice, _camp));
        Assert.Equal(0, _x.Account(_alice).Debt);
    }

    [Fact]
    public void Taking_from_an_empty_account_records_only_debt()
    {
        var carol = _x.OpenAccount("carol");
        var mark = _x.Mark;
        _x.GrantPoints(carol, -300);

        Assert.Empty(_x.EventsSince(mark, EventKind.Ledger));
        Assert.Equal(300, _x.Account(carol).Debt);
        Assert.Equal(0, _x.Points(carol));
    }

    [Fact]
    public void Debt_accumulates()
    {
        var carol = _x.OpenAccount("carol");
        _x.GrantPoints(carol, -300);
        _x.GrantPoints(carol, -200);
        Assert.Equal(500, _x.Account(carol).Debt);
    }

    [Fact]
    public void Selling_repays_debt_from_the_proceeds_first()
    {
        _x.GrantShares(_alice, _camp, 50);
        _x.GrantPoints(_alice, -1_500); // 1,000 taken, 500 owed
        Assert.Equal(500, _x.Account(_alice).Debt);

        _x.Buy(_bob, _camp, 30, 19);
        var mark = _x.Mark;
        var sell = _x.Sell(_alice, _camp, 10, 19); // 190 of proceeds, all to the debt

        Assert.Equal(190, sell.FilledValue);
        Assert.Equal(310, _x.Account(_alice).Debt);
        Assert.Equal(0, _x.Points(_alice));
        var repayment = _x.EventsSince(mark, EventKind.Ledger).Where(e => e.LedgerKind == LedgerKind.DebtRepayment).ToArray();
        Assert.Equal(2, repayment.Length);
        Assert.Contains(repayment, e => e.Account == _alice && e.Amount == -190 && e.BalanceAfter == 0 && e.Other == SystemAccounts.Fines);
        Assert.Contains(repayment, e => e.Account == SystemAccounts.Fines && e.Amount == 190 && e.Other == _alice);
        Assert.Equal(310, _x.EventsSince(mark, EventKind.AccountChanged).Single().Amount);

        _x.Sell(_alice, _camp, 20, 19);   // 380: 310 repays the rest, 70 stays
        Assert.Equal(0, _x.Account(_alice).Debt);
        Assert.Equal(70, _x.Points(_alice));
        Assert.Equal(500, _x.Points(SystemAccounts.Fines));
        Assert.True(_x.Account(_alice).CanSpend);
        Assert.True(_x.Buy(_alice, _camp, 3, 20).IsOk); // released: can buy again
    }

    [Fact]
    public void A_resting_sell_filled_later_repays_debt_too()
    {
        _x.Ok(new WithdrawIpo(_camp));
        _x.GrantShares(_alice, _camp, 10);
        _x.Sell(_alice, _camp, 10, 21);
        _x.GrantPoints(_alice, -1_100);
        Assert.Equal(100, _x.Account(_alice).Debt);

        _x.Buy(_bob, _camp, 10, 21);

        Assert.Equal(0, _x.Account(_alice).Debt);
        Assert.Equal(110, _x.Points(_alice));
        Assert.Equal(100, _x.Points(SystemAccounts.Fines));
    }

    [Fact]
    public void A_grant_repays_debt_first()
    {
        _x.GrantPoints(_alice, -1_200);
        _x.GrantPoints(_alice, 150);
        Assert.Equal(50, _x.Account(_alice).Debt);
        Assert.Equal(0, _x.Points(_alice));
        _x.GrantPoints(_alice, 80);
        Assert.Equal(0, _x.Account(_alice).Debt);
        Assert.Equal(30, _x.Points(_alice));
        Assert.Equal(200, _x.Points(SystemAccounts.Fines));
    }

    [Fact]
    public void Granting_shares_does_not_repay_debt()
    {
        _x.GrantPoints(_alice, -1_200);
        _x.GrantShares(_alice, _camp, 5);
        Assert.Equal(200, _x.Account(_alice).Debt);
        Assert.Equal(5, _x.Shares(_alice, _camp));
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(Grant.MaxAmount + 1)]
    [InlineData(-Grant.MaxAmount - 1)]
    public void Grants_beyond_the_maximum_are_rejected(long amount)
    {
        // long.MaxValue on top of a positive balance used to wrap it negative; long.MinValue did nothing yet succeeded.
        _x.Reject(new Grant(_alice, Assets.Points, amount, "typo", "staff"), RejectCode.InvalidAmount);
        _x.Reject(new Grant(_alice, _camp, amount, "typo", "staff"), RejectCode.InvalidAmount);
    }

    [Fact]
    public void Grants_of_the_maximum_are_accepted()
    {
        _x.GrantPoints(_alice, Grant.MaxAmount);
        Assert.Equal(1_000 + Grant.MaxAmount, _x.Points(_alice));
        var r = _x.GrantPoints(_bob, -Grant.MaxAmount);
        Assert.Equal(1_000, r.Filled);
        Assert.Equal(Grant.MaxAmount - 1_000, _x.Account(_bob).Debt);
    }

    [Fact]
    public void Ledger_entries_carry_the_commands_seq_and_time()
    {
        var mark = _x.Mark;
        _x.GrantPoints(_alice, 10);
        Assert.All(_x.EventsSince(mark), e =>
        {
            Assert.Equal(_x.Engine.LastSeq, e.Seq);
            Assert.Equal(_x.Now, e.Time);
        });
    }
}
