using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Points;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Points;

/// <summary>Student-to-student transfers: what moves, the fee, and every refusal (each changing nothing).</summary>
public class TransferTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;

    public TransferTests()
    {
        _camp = _x.List("CAMP", 20, 0);
        _alice = _x.OpenAccount("alice", 1_000);
        _bob = _x.OpenAccount("bob", 500);
    }

    [Fact]
    public void A_transfer_moves_the_amount_to_the_recipient_and_the_fee_to_the_fees_account()
    {
        var mark = _x.Mark;
        var r = _x.Transfer(_alice, _bob, 300, "lunch");

        Assert.True(r.IsOk);
        Assert.Equal(_x.Engine.LastSeq, r.Id);
        Assert.Equal(300, r.Filled);
        Assert.Equal(3, r.Detail1);
        Assert.Equal(1_000 - 303, _x.Points(_alice));
        Assert.Equal(800, _x.Points(_bob));
        Assert.Equal(3, _x.Points(SystemAccounts.Fees));

        var ledger = _x.EventsSince(mark, EventKind.Ledger);
        Assert.Equal(4, ledger.Length);
        Assert.All(ledger, e => Assert.Equal(r.Id, e.Reference));
        Assert.All(ledger, e => Assert.Equal(Assets.Points, e.Asset));
        Assert.Contains(ledger, e => e is { LedgerKind: LedgerKind.Transfer, Amount: -300, BalanceAfter: 700 } && e.Account == _alice && e.Other == _bob);
        Assert.Contains(ledger, e => e is { LedgerKind: LedgerKind.Transfer, Amount: 300, BalanceAfter: 800 } && e.Account == _bob && e.Other == _alice);
        Assert.Contains(ledger, e => e is { LedgerKind: LedgerKind.TransferFee, Amount: -3, BalanceAfter: 697 } && e.Account == _alice && e.Other == SystemAccounts.Fees);
        Assert.Contains(ledger, e => e is { LedgerKind: LedgerKind.TransferFee, Amount: 3, Account: SystemAccounts.Fees } && e.Other == _alice);
        LedgerAudit.Verify(_x.Engine);
    }

    [Fact]
    public void The_sender_can_spend_exactly_the_amount_plus_fee_and_not_a_point_more()
    {
        var carol = _x.OpenAccount("carol", 101); // 100 + fee 1
        var refused = _x.Reject(new Transfer(carol, _bob, 101), RejectCode.InsufficientPoints);
        Assert.Equal(103, refused.Detail1);           // need includes the fee (ceil(1.01) = 2)
        Assert.Equal(101, refused.Detail2);           // available
        Assert.True(_x.Transfer(carol, _bob, 100).IsOk);
        Assert.Equal(0, _x.Points(carol));
    }

    [Fact]
    public void Points_reserved_by_resting_buys_cannot_be_transferred()
    {
        _x.Buy(_alice, _camp, 40, 20); // reserves 800 of 1,000
        var refused = _x.Reject(new Transfer(_alice, _bob, 199), RejectCode.InsufficientPoints);
        Assert.Equal(201, refused.Detail1);
        Assert.Equal(200, refused.Detail2);
        Assert.True(_x.Transfer(_alice, _bob, 198).IsOk); // 198 + 2
        Assert.Equal(800, _x.ReservedPoints(_alice));
        Assert.Equal(0, _x.AvailablePoints(_alice));
    }

    [Fact]
    public void Transfers_work_while_the_market_is_closed_or_halted()
    {
        _x.Override(MarketOverride.Halt);
        Assert.True(_x.Transfer(_alice, _bob, 10).IsOk);
        _x.Override(MarketOverride.ForceClose);
        Assert.True(_x.Transfer(_bob, _alice, 10).IsOk);
    }

    [Fact]
    public void The_fee_follows_the_trading_rules()
    {
        _x.SetRules(new TradingRules { TransferFeeBasisPoints = 250, MinTransferFee = 5 });
        Assert.Equal(5, _x.Transfer(_alice, _bob, 100).Detail1);  // 2.5 → 3, below the minimum
        Assert.Equal(10, _x.Transfer(_alice, _bob, 400).Detail1); // 2.5% of 400
        Assert.Equal(15, _x.Points(SystemAccounts.Fees));
    }

    [Fact]
    public void With_no_fee_configured_no_fee_entries_are_written()
    {
        _x.SetRules(new TradingRules { TransferFeeBasisPoints = 0, MinTransferFee = 0 });
        var mark = _x.Mark;
        var r = _x.Transfer(_alice, _bob, 1_000);
        Assert.Equal(0, r.Detail1);
        Assert.Equal(0, _x.Points(_alice));
        Assert.Equal(2, _x.EventsSince(mark, EventKind.Ledger).Length);
        Assert.DoesNotContain(_x.EventsSince(mark, EventKind.Ledger), e => e.LedgerKind == LedgerKind.TransferFee);
    }

    [Fact]
    public void A_transfer_to_an_indebted_recipient_repays_the_debt_first()
    {
        var carol = _x.OpenAccount("carol");
        _x.RecordDebt(carol, 250);
        var mark = _x.Mark;

        _x.Transfer(_alice, carol, 100);
        Assert.Equal(150, _x.Debt(carol));
        Assert.Equal(0, _x.Points(carol));
        var repaid = _x.EventsSince(mark, EventKind.Ledger).Where(e => e.LedgerKind == LedgerKind.DebtRepayment).ToArray();
        Assert.Contains(repaid, e => e.Account == carol && e.Amount == -100 && e.BalanceAfter == 0 && e.Other == SystemAccounts.Fines);
        Assert.Contains(repaid, e => e.Account == SystemAccounts.Fines && e.Amount == 100);
        Assert.Equal(150, Assert.Single(_x.EventsSince(mark, EventKind.AccountChanged)).Amount);

        _x.Transfer(_alice, carol, 200); // 150 repays the rest, 50 stays
        Assert.Equal(0, _x.Debt(carol));
        Assert.Equal(50, _x.Points(carol));
        Assert.Equal(250, _x.Points(SystemAccounts.Fines));
        Assert.True(_x.Transfer(carol, _bob, 10).IsOk); // released: can send again
    }

    [Fact]
    public void A_frozen_recipient_can_receive()
    {
        _x.Restrict(_bob, AccountRestrictions.Frozen);
        Assert.True(_x.Transfer(_alice, _bob, 100).IsOk);
        Assert.Equal(600, _x.Points(_bob));
    }

    [Fact]
    public void Transferring_to_oneself_is_refused()
    {
        _x.Reject(new Transfer(_alice, _alice, 10), RejectCode.TransferToSelf);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-500)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(Transfer.MaxAmount + 1)]
    public void Non_positive_and_oversized_amounts_are_refused(long amount)
    {
        _x.Reject(new Transfer(_alice, _bob, amount), RejectCode.InvalidAmount);
    }

    [Fact]
    public void The_largest_amount_is_refused_only_for_lack_of_points()
    {
        var r = _x.Reject(new Transfer(_alice, _bob, Transfer.MaxAmount), RejectCode.InsufficientPoints);
        Assert.Equal(Transfer.MaxAmount + TransferFees.For(Transfer.MaxAmount, _x.Engine.Rules), r.Detail1);
    }

    [Theory]
    [InlineData(99_999, true)]
    [InlineData(-1, true)]
    [InlineData(99_999, false)]
    [InlineData(-1, false)]
    public void Unknown_accounts_are_refused(int unknown, bool asSender)
    {
        var command = asSender ? new Transfer(unknown, _bob, 10) : new Transfer(_alice, unknown, 10);
        _x.Reject(command, RejectCode.AccountUnknown);
    }

    [Theory]
    [InlineData(SystemAccounts.Fees)]
    [InlineData(SystemAccounts.Treasury)]
    [InlineData(SystemAccounts.Grants)]
    public void System_accounts_can_neither_send_nor_receive_transfers(int system)
    {
        _x.Reject(new Transfer(_alice, system, 10), RejectCode.NotPermitted);
        _x.Reject(new Transfer(system, _alice, 10), RejectCode.NotPermitted);
    }

    [Fact]
    public void House_accounts_do_not_take_part_in_transfers()
    {
        var maker = _x.OpenAccount("maker", 1_000, AccountKind.House);
        _x.Reject(new Transfer(_alice, maker, 10), RejectCode.NotPermitted);
        _x.Reject(new Transfer(maker, _alice, 10), RejectCode.NotPermitted);
    }

    [Fact]
    public void A_frozen_sender_is_refused()
    {
        _x.Restrict(_alice, AccountRestrictions.Frozen);
        _x.Reject(new Transfer(_alice, _bob, 10), RejectCode.AccountFrozen);
    }

    [Fact]
    public void A_disabled_sender_is_refused()
    {
        _x.Restrict(_alice, AccountRestrictions.Disabled);
        _x.Reject(new Transfer(_alice, _bob, 10), RejectCode.AccountDisabled);
        _x.Restrict(_alice, AccountRestrictions.Disabled | AccountRestrictions.Frozen);
        _x.Reject(new Transfer(_alice, _bob, 10), RejectCode.AccountDisabled);
    }

    [Fact]
    public void An_indebted_sender_is_refused_with_the_debt_in_the_details()
    {
        var carol = _x.OpenAccount("carol", 100);
        _x.GrantPoints(carol, -130);
        var r = _x.Reject(new Transfer(carol, _bob, 1), RejectCode.AccountInDebt);
        Assert.Equal(30, r.Detail1);
    }

    [Fact]
    public void An_indebted_sender_holding_shares_still_cannot_transfer()
    {
        var carol = _x.OpenAccount("carol");
        _x.GrantShares(carol, _camp, 10);
        _x.RecordDebt(carol, 5);
        _x.Reject(new Transfer(carol, _bob, 1), RejectCode.AccountInDebt);
    }

    [Fact]
    public void A_disabled_recipient_is_refused()
    {
        _x.Restrict(_bob, AccountRestrictions.Disabled);
        var r = _x.Reject(new Transfer(_alice, _bob, 10), RejectCode.AccountDisabled);
        Assert.Equal(_bob, r.Detail1);
    }

    [Fact]
    public void An_overlong_memo_is_refused()
    {
        _x.Reject(new Transfer(_alice, _bob, 10, new string('x', Transfer.MaxMemoLength + 1)), RejectCode.InvalidCommand);
        Assert.True(_x.Transfer(_alice, _bob, 10, new string('x', Transfer.MaxMemoLength)).IsOk);
    }

    [Fact]
    public void Transfers_are_refused_once_the_game_is_settled()
    {
        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        _x.Reject(new Transfer(_alice, _bob, 10), RejectCode.MarketSettled);
    }

    [Fact]
    public void Many_transfers_keep_the_books_balanced()
    {
        var students = Enumerable.Range(0, 8).Select(i => _x.OpenAccount($"s{i}", 10_000)).ToArray();
        var random = new Random(42);
        long fees = 0;
        for (var i = 0; i < 400; i++)
        {
            var from = students[random.Next(students.Length)];
            var to = students[random.Next(students.Length)];
            var r = _x.Transfer(from, to, random.Next(-5, 3_000));
            if (r.IsOk) fees += r.Detail1;
        }
        Assert.Equal(fees, _x.Points(SystemAccounts.Fees));
        Assert.Equal(8 * 10_000 - fees, students.Sum(_x.Points));
        LedgerAudit.Verify(_x.Engine);
    }
}
