using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Qr;

/// <summary>
/// SPEC §9: "Debt auto-repayment applied to some credit kinds and not others." Every credit of this
/// feature set — QR redemption, booth award, arcade prize — repays debt first, through the same path.
/// </summary>
public class CreditDebtRepaymentTests
{
    public static TheoryData<string> CreditKinds() => new() { "qr", "booth", "arcade" };

    /// <summary>Sets up the source of a 300-point credit and returns the command that pays it to the account.</summary>
    private static (Command Credit, LedgerKind Kind) Prepare(TestExchange x, string kind, int account) => kind switch
    {
        "qr" => (Setup(x, new CreateQrCodes(["DEBTCODE1"], 300, 1, null, "debt", "staff"), new RedeemQr(account, "DEBTCODE1")), LedgerKind.Qr),
        "booth" => (Setup(x, new CreateBooth("Robotics", "hash", "staff", 300), new AwardBooth(1, account, "staff")), LedgerKind.Booth),
        "arcade" => (Setup(x, new RegisterArcadeMachine("Pinball", "hash", "staff"), new ArcadeTransaction(1, "tx-1", account, 300, "pinball")), LedgerKind.Arcade),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Command Setup(TestExchange x, Command setUp, Command credit)
    {
        x.Ok(setUp);
        return credit;
    }

    [Theory]
    [MemberData(nameof(CreditKinds))]
    public void A_credit_smaller_than_the_debt_goes_entirely_to_the_debt(string kind)
    {
        var x = new TestExchange();
        var s = x.OpenAccount("debtor");
        x.GrantPoints(s, -1_000); // a fine with nothing to take: all of it becomes debt
        Assert.Equal(1_000, x.Account(s).Debt);

        var (credit, ledgerKind) = Prepare(x, kind, s);
        var mark = x.Mark;
        x.Ok(credit);

        Assert.Equal(700, x.Account(s).Debt);
        Assert.Equal(0, x.Points(s));
        Assert.Equal(1_000 - 700, x.Points(SystemAccounts.Fines));
        var ledger = x.EventsSince(mark, EventKind.Ledger);
        Assert.Contains(ledger, e => e.Account == s && e.LedgerKind == ledgerKind && e.Amount == 300);
        Assert.Contains(ledger, e => e.Account == s && e.LedgerKind == LedgerKind.DebtRepayment && e.Amount == -300);
    }

    [Theory]
    [MemberData(nameof(CreditKinds))]
    public void A_credit_larger_than_the_debt_clears_it_and_keeps_the_rest(string kind)
    {
        var x = new TestExchange();
        var s = x.OpenAccount("debtor");
        x.GrantPoints(s, -120);
        var (credit, _) = Prepare(x, kind, s);
        x.Ok(credit);
        Assert.Equal(0, x.Account(s).Debt);
        Assert.Equal(180, x.Points(s));
        Assert.True(x.Account(s).CanSpend);
    }
}
