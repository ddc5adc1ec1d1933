using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Points;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Points;

/// <summary>SPEC §9 items the points feature owns.</summary>
public class PointsSpecSection9Tests
{
    /// <summary>"Three different transfer fee figures in three places": there is one, TransferFees.For over the live rules.</summary>
    [Fact]
    public void The_engine_charges_exactly_TransferFees_For_for_random_amounts_and_rules()
    {
        var random = new Random(2025);
        var x = new TestExchange();
        var alice = x.OpenAccount("alice", Grant.MaxAmount);
        var bob = x.OpenAccount("bob");
        for (var i = 0; i < 500; i++)
        {
            if (i % 25 == 0)
                x.SetRules(new TradingRules { TransferFeeBasisPoints = random.Next(0, 10_001), MinTransferFee = random.Next(0, 1_000) });
            var amount = i % 3 == 0 ? random.NextInt64(1, 300) : random.NextInt64(1, 5_000_000);
            var expected = TransferFees.For(amount, x.Engine.Rules);
            var before = x.Points(alice);
            var feesBefore = x.Points(SystemAccounts.Fees);
            var mark = x.Mark;

            var r = x.Transfer(alice, bob, amount);

            Assert.True(r.IsOk, r.Code.ToString());
            Assert.Equal(expected, r.Detail1);
            Assert.Equal(amount + expected, before - x.Points(alice));
            Assert.Equal(expected, x.Points(SystemAccounts.Fees) - feesBefore);
            Assert.Equal(expected, x.EventsSince(mark, EventKind.Ledger)
                .Where(e => e.LedgerKind == LedgerKind.TransferFee && e.Account == SystemAccounts.Fees).Sum(e => e.Amount));
        }
    }

    [Fact]
    public void An_insufficient_points_refusal_quotes_the_same_fee()
    {
        var random = new Random(9);
        var x = new TestExchange();
        var alice = x.OpenAccount("alice", 1_000);
        var bob = x.OpenAccount("bob");
        for (var i = 0; i < 100; i++)
        {
            x.SetRules(new TradingRules { TransferFeeBasisPoints = random.Next(0, 10_001), MinTransferFee = random.Next(0, 100) });
            var amount = random.NextInt64(1_001, 100_000);
            var r = x.Reject(new Transfer(alice, bob, amount), RejectCode.InsufficientPoints);
            Assert.Equal(TransferFees.TotalCost(amount, x.Engine.Rules), r.Detail1);
            Assert.Equal(1_000, r.Detail2);
        }
    }

    public enum CreditKind { TransferIn, Grant, GroupGrant, TeamGrant }

    /// <summary>"Debt auto-repayment applied to some credit kinds and not others": every kind repays the same way.</summary>
    [Theory]
    [InlineData(CreditKind.TransferIn)]
    [InlineData(CreditKind.Grant)]
    [InlineData(CreditKind.GroupGrant)]
    [InlineData(CreditKind.TeamGrant)]
    public void Every_point_credit_this_feature_makes_repays_debt_first(CreditKind kind)
    {
        var x = new TestExchange();
        var payer = x.OpenStudent("payer", "Blue", 10_000);
        var debtor = x.OpenStudent("debtor", "Red");
        x.RecordDebt(debtor, 300);
        var finesBefore = x.Points(SystemAccounts.Fines);

        Credit(120);  // all of it to the debt
        Assert.Equal(180, x.Debt(debtor));
        Assert.Equal(0, x.Points(debtor));
        Assert.Equal(finesBefore + 120, x.Points(SystemAccounts.Fines));

        var mark = x.Mark;
        Credit(200);  // 180 repays the rest, 20 stays
        Assert.Equal(0, x.Debt(debtor));
        Assert.Equal(20, x.Points(debtor));
        Assert.Equal(finesBefore + 300, x.Points(SystemAccounts.Fines));
        Assert.Contains(x.EventsSince(mark, EventKind.Ledger), e => e.LedgerKind == LedgerKind.DebtRepayment && e.Account == debtor && e.Amount == -180);
        Assert.Equal(0, x.EventsSince(mark, EventKind.AccountChanged).Single(e => e.Account == debtor).Amount);
        Assert.True(x.Account(debtor).CanSpend);

        void Credit(long amount)
        {
            switch (kind)
            {
                case CreditKind.TransferIn: Assert.True(x.Transfer(payer, debtor, amount).IsOk); break;
                case CreditKind.Grant: x.GrantPoints(debtor, amount); break;
                case CreditKind.GroupGrant: x.GrantToGroup(null, amount); break;
                case CreditKind.TeamGrant: x.GrantToGroup("Red", amount); break;
            }
        }
    }
}
