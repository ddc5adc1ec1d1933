using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Qr;

/// <summary>QR codes in the engine: creation, redemption, every refusal (each proven to change nothing), void.</summary>
public class QrEngineTests
{
    private static CreateQrCodes Batch(long value = 100, int maxUses = 1, DateTimeOffset? expires = null, params string[] codes) =>
        new(codes.Length == 0 ? ["ABCDEFGH"] : codes, value, maxUses, expires, "hall", "staff");

    [Fact]
    public void Redeeming_credits_the_value_of_the_record_from_the_qr_account()
    {
        var x = new TestExchange();
        var s = x.OpenAccount("alice");
        var created = x.Ok(Batch(250, codes: ["ABCDEFGH", "JKMNPQRS"]));
        Assert.Equal(2, created.Detail1);

        var mark = x.Mark;
        var result = x.Ok(new RedeemQr(s, "ABCDEFGH"));
        Assert.Equal(250, result.Detail1);
        Assert.Equal(0, result.Detail2); // uses left
        Assert.Equal(250, x.Points(s));
        Assert.Equal(-250, x.Points(SystemAccounts.Qr));

        var ledger = x.EventsSince(mark, EventKind.Ledger);
        Assert.Equal(2, ledger.Length);
        Assert.All(ledger, e => Assert.Equal(LedgerKind.Qr, e.LedgerKind));
        Assert.All(ledger, e => Assert.Equal(result.Id, e.Reference));
        Assert.Contains(ledger, e => e.Account == s && e.Amount == 250 && e.Other == SystemAccounts.Qr);
    }

    [Fact]
    public void The_redeem_command_carries_no_value_so_a_client_cannot_name_one()
    {
        var names = typeof(RedeemQr).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract").Order();
        Assert.Equal(["AccountId", "Code"], names);
    }

    [Fact]
    public void Codes_are_matched_case_insensitively_after_trimming()
    {
        var x = new TestExchange();
        var s = x.OpenAccount("alice");
        x.Ok(Batch(codes: "ABCDEFGH"));
        x.Ok(new RedeemQr(s, "  abcdefgh "));
        Assert.Equal(100, x.Points(s));
    }

    [Fact]
    public void A_single_use_code_pays_once()
    {
        var x = new TestExchange();
        var a = x.OpenAccount("alice");
        var b = x.OpenAccount("bob");
        x.Ok(Batch());
        x.Ok(new RedeemQr(a, "ABCDEFGH"));
        x.Reject(new RedeemQr(b, "ABCDEFGH"), RejectCode.QrUsedUp);
        x.Reject(new RedeemQr(a, "ABCDEFGH"), RejectCode.QrAlreadyRedeemed);
        Assert.Equal(0, x.Points(b));
    }

    [Fact]
    public void A_multi_use_code_pays_each_account_once_up_to_its_uses()
    {
        var x = new TestExchange();
        var students = Enumerable.Range(0, 4).Select(i => x.OpenAccount($"s{i}")).ToArray();
        x.Ok(Batch(10, maxUses: 3));
        Assert.Equal(2, x.Ok(new RedeemQr(students[0], "ABCDEFGH")).Detail2);
        x.Reject(new RedeemQr(students[0], "ABCDEFGH"), RejectCode.QrAlreadyRedeemed);
        x.Ok(new RedeemQr(students[1], "ABCDEFGH"));
        x.Ok(new RedeemQr(students[2], "ABCDEFGH"));
        x.Reject(new RedeemQr(students[3], "ABCDEFGH"), RejectCode.QrUsedUp);
        Assert.Equal([10, 10, 10, 0], students.Select(x.Points));
        var view = x.Engine.FindQrCode("ABCDEFGH")!;
        Assert.Equal(3, view.Uses);
        Assert.Equal(0, view.UsesLeft);
    }

    [Fact]
    public void Refusals_of_redemption()
    {
        var x = new TestExchange();
        var s = x.OpenAccount("alice");
        var expires = x.NowUtc.AddMinutes(10);
        x.Ok(Batch(codes: "ABCDEFGH"));
        x.Ok(Batch(expires: expires, codes: "EXPIRING"));
        x.Ok(Batch(codes: "VOIDEDXX"));
        x.Ok(new VoidQr("VOIDEDXX", "staff"));

        x.Reject(new RedeemQr(s, "NOSUCHCODE"), RejectCode.QrUnknown);
        x.Reject(new RedeemQr(s, ""), RejectCode.QrUnknown);
        x.Reject(new RedeemQr(s, "ABC DEF!"), RejectCode.QrUnknown);
        x.Reject(new RedeemQr(s, "VOIDEDXX"), RejectCode.QrVoided);
        x.Reject(new RedeemQr(999, "ABCDEFGH"), RejectCode.AccountUnknown);
        x.Reject(new RedeemQr(SystemAccounts.Treasury, "ABCDEFGH"), RejectCode.NotPermitted);

        x.Advance(TimeSpan.FromMinutes(10));
        x.Reject(new RedeemQr(s, "EXPIRING"), RejectCode.QrExpired);

        x.Account(s).Restrictions = AccountRestrictions.Disabled;
        x.Reject(new RedeemQr(s, "ABCDEFGH"), RejectCode.AccountDisabled);
        Assert.Equal(0, x.Points(s));
    }

    [Fact]
    public void A_code_redeemed_just_before_its_expiry_pays()
    {
        var x = new TestExchange();
        var s = x.OpenAccount("alice");
        var expires = x.NowUtc.AddMinutes(10);
        x.Ok(Batch(expires: expires));
        Assert.True(x.ApplyAt(expires.AddTicks(-1), new RedeemQr(s, "ABCDEFGH")).IsOk);
    }

    [Fact]
    public void A_frozen_account_may_still_receive_a_code()
    {
        var x = new TestExchange();
        var s = x.OpenAccount("alice");
        x.Account(s).Restrictions = AccountRestrictions.Frozen;
        x.Ok(Batch());
        x.Ok(new RedeemQr(s, "ABCDEFGH"));
        Assert.Equal(100, x.Points(s));
    }

    [Fact]
    public void Refusals_of_creation()
    {
        var x = new TestExchange();
        x.Ok(Batch(codes: "TAKENCODE"));
        x.Reject(Batch(value: 0), RejectCode.InvalidAmount);
        x.Reject(Batch(value: -5), RejectCode.InvalidAmount);
        Assert.Equal(1000, x.Reject(Batch(value: 1001), RejectCode.InvalidAmount).Detail2);
        x.Reject(Batch(maxUses: 0), RejectCode.InvalidCommand);
        x.Reject(Batch(codes: "TAKENCODE"), RejectCode.QrCodeTaken);
        x.Reject(Batch(codes: ["NEWCODE1", "takencode"]), RejectCode.QrCodeTaken);
        x.Reject(Batch(codes: ["NEWCODE1", "NEWCODE1"]), RejectCode.QrCodeTaken);
        x.Reject(Batch(codes: ["SHORT"]), RejectCode.InvalidCommand);
        x.Reject(Batch(codes: ["BAD/CODE"]), RejectCode.InvalidCommand);
        x.Reject(new CreateQrCodes([], 10, 1, null, "", "staff"), RejectCode.InvalidCommand);
        x.Reject(Batch(expires: x.NowUtc), RejectCode.InvalidCommand);
        x.Reject(Batch() with { Label = new string('x', CreateQrCodes.MaxLabelLength + 1) }, RejectCode.InvalidCommand);
        x.Reject(Batch() with { MaxValue = CreateQrCodes.HardMaxValue + 1 }, RejectCode.InvalidCommand);
        Assert.Single(x.Engine.QrCodes());
    }

    [Fact]
    public void A_configured_bound_lets_staff_print_bigger_codes()
    {
        var x = new TestExchange();
        var s = x.OpenAccount("alice");
        x.Ok(Batch(value: 5_000) with { MaxValue = 10_000 });
        x.Ok(new RedeemQr(s, "ABCDEFGH"));
        Assert.Equal(5_000, x.Points(s));
    }

    [Fact]
    public void Voiding_stops_the_remaining_uses()
    {
        var x = new TestExchange();
        var a = x.OpenAccount("alice");
        var b = x.OpenAccount("bob");
        x.Ok(Batch(maxUses: 2));
        x.Ok(new RedeemQr(a, "ABCDEFGH"));
        Assert.Equal(1, x.Ok(new VoidQr("abcdefgh", "staff")).Detail1);
        x.Reject(new RedeemQr(b, "ABCDEFGH"), RejectCode.QrVoided);
        x.Reject(new VoidQr("ABCDEFGH", "staff"), RejectCode.QrVoided);
        x.Reject(new VoidQr("NOSUCHCODE", "staff"), RejectCode.QrUnknown);
        Assert.Equal(100, x.Points(a)); // what was redeemed stands

        x.Ok(Batch(codes: "USEDCODE"));
        x.Ok(new RedeemQr(b, "USEDCODE"));
        x.Reject(new VoidQr("USEDCODE", "staff"), RejectCode.QrUsedUp);
    }

    [Fact]
    public void Staff_see_the_codes_newest_first()
    {
        var x = new TestExchange();
        x.Ok(Batch(codes: ["FIRSTCODE", "SECONDCODE"]));
        var codes = x.Engine.QrCodes();
        Assert.Equal(["SECONDCODE", "FIRSTCODE"], codes.Select(c => c.Code));
        Assert.All(codes, c => Assert.Equal("hall", c.Label));
        Assert.All(codes, c => Assert.Equal("staff", c.CreatedBy));
    }

    [Fact]
    public void Snapshot_round_trip_keeps_codes_uses_and_redeemers()
    {
        var x = new TestExchange();
        var a = x.OpenAccount("alice");
        var b = x.OpenAccount("bob");
        x.Ok(Batch(maxUses: 3, expires: x.NowUtc.AddHours(1), codes: ["ABCDEFGH", "JKMNPQRS"]));
        x.Ok(Batch(codes: "VOIDEDXX"));
        x.Ok(new VoidQr("VOIDEDXX", "staff"));
        x.Ok(new RedeemQr(a, "ABCDEFGH"));

        var snapshot = x.Engine.CreateSnapshot();
        var json = System.Text.Json.JsonSerializer.Serialize(snapshot, CampTrading.Core.Journal.CommandSerializer.Options);
        var restored = TestExchange.Around(ExchangeEngine.Restore(CampTrading.Core.Journal.CommandSerializer.DeserializeSnapshot(System.Text.Encoding.UTF8.GetBytes(json))));
        Assert.Equal(x.SnapshotJson(), restored.SnapshotJson());
        Assert.Equal(2, snapshot.QrCodes.Count(q => q.Code is "ABCDEFGH" or "JKMNPQRS"));

        // the same future on both
        foreach (var ex in new[] { x, restored })
        {
            ex.Reject(new RedeemQr(a, "ABCDEFGH"), RejectCode.QrAlreadyRedeemed);
            ex.Reject(new RedeemQr(b, "VOIDEDXX"), RejectCode.QrVoided);
            ex.Ok(new RedeemQr(b, "ABCDEFGH"));
            ex.Reject(Batch(codes: "JKMNPQRS"), RejectCode.QrCodeTaken);
        }
        Assert.Equal(x.StateJson(), restored.StateJson());
    }
}
