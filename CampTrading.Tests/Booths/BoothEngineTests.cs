using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Booths;

/// <summary>Community booths in the engine: the award, once per student account per booth, and every refusal.</summary>
public class BoothEngineTests
{
    [Fact]
    public void An_award_pays_the_default_reward_from_the_booths_account()
    {
        var x = new TestExchange();
        var booth = (int)x.Ok(new CreateBooth("Robotics", "hash", "admin")).Id;
        var s = x.OpenAccount("alice");
        var mark = x.Mark;
        var result = x.Ok(new AwardBooth(booth, s, "staff: Mei"));
        Assert.Equal(CreateBooth.DefaultReward, result.Detail1);
        Assert.Equal(1_000, x.Points(s));
        Assert.Equal(-1_000, x.Points(SystemAccounts.Booths));
        var ledger = x.EventsSince(mark, EventKind.Ledger);
        Assert.Equal(2, ledger.Length);
        Assert.All(ledger, e => Assert.Equal(LedgerKind.Booth, e.LedgerKind));
        Assert.All(ledger, e => Assert.Equal(booth, e.Reference));
        Assert.True(x.Engine.BoothHasAwarded(booth, s));
        Assert.Equal(1, x.Engine.FindBooth(booth)!.Awards);
    }

    /// <summary>
    /// SPEC §9: "A booth reward was keyed on typed text, so one student entered two ways was paid twice."
    /// The award names the account id; however the student was found (name, student number, badge), the second is refused.
    /// </summary>
    [Fact]
    public void One_student_is_paid_once_per_booth_however_they_were_looked_up()
    {
        var x = new TestExchange();
        var booth = (int)x.Ok(new CreateBooth("Robotics", "hash", "admin", 500)).Id;
        var other = (int)x.Ok(new CreateBooth("Chess", "hash2", "admin", 300)).Id;
        var s = x.OpenAccount("Alice Wang");
        var t = x.OpenAccount("alice wang"); // a different student with a similar name is a different account
        x.Ok(new AwardBooth(booth, s, "staff typed 'Alice Wang'"));
        x.Reject(new AwardBooth(booth, s, "staff typed 'alice  wang '"), RejectCode.BoothAlreadyAwarded);
        x.Reject(new AwardBooth(booth, s, "staff scanned the badge"), RejectCode.BoothAlreadyAwarded);
        x.Ok(new AwardBooth(booth, t, "staff"));
        x.Ok(new AwardBooth(other, s, "staff"));
        Assert.Equal(800, x.Points(s));
        Assert.Equal(500, x.Points(t));
    }

    [Fact]
    public void Refusals_of_awards()
    {
        var x = new TestExchange();
        var booth = (int)x.Ok(new CreateBooth("Robotics", "hash", "admin")).Id;
        var s = x.OpenAccount("alice");
        x.Reject(new AwardBooth(99, s, "staff"), RejectCode.BoothUnknown);
        x.Reject(new AwardBooth(0, s, "staff"), RejectCode.BoothUnknown);
        x.Reject(new AwardBooth(booth, 999, "staff"), RejectCode.AccountUnknown);
        x.Reject(new AwardBooth(booth, SystemAccounts.Grants, "staff"), RejectCode.NotPermitted);
        var house = x.OpenAccount("maker", kind: AccountKind.House);
        x.Reject(new AwardBooth(booth, house, "staff"), RejectCode.NotPermitted);
        x.Account(s).Restrictions = AccountRestrictions.Disabled;
        x.Reject(new AwardBooth(booth, s, "staff"), RejectCode.AccountDisabled);
        x.Account(s).Restrictions = AccountRestrictions.Frozen; // frozen accounts cannot spend but may receive
        x.Ok(new AwardBooth(booth, s, "staff"));
    }

    [Fact]
    public void Refusals_of_creation()
    {
        var x = new TestExchange();
        x.Ok(new CreateBooth("Robotics", "hash", "admin"));
        x.Reject(new CreateBooth("  ", "hash", "admin"), RejectCode.InvalidCommand);
        x.Reject(new CreateBooth("Chess", "", "admin"), RejectCode.InvalidCommand);
        x.Reject(new CreateBooth(" robotics ", "hash", "admin"), RejectCode.InvalidCommand); // one booth per community
        x.Reject(new CreateBooth("Chess", "hash", "admin", 0), RejectCode.InvalidAmount);
        x.Reject(new CreateBooth("Chess", "hash", "admin", CreateBooth.MaxReward + 1), RejectCode.InvalidAmount);
        x.Reject(new CreateBooth(new string('x', CreateBooth.MaxNameLength + 1), "hash", "admin"), RejectCode.InvalidCommand);
    }

    [Fact]
    public void Resetting_the_secret_replaces_the_hash()
    {
        var x = new TestExchange();
        var booth = (int)x.Ok(new CreateBooth("Robotics", "old", "admin")).Id;
        x.Ok(new ResetBoothSecret(booth, "new", "admin"));
        Assert.Equal("new", x.Engine.FindBooth(booth)!.SecretHash);
        x.Reject(new ResetBoothSecret(7, "new", "admin"), RejectCode.BoothUnknown);
        x.Reject(new ResetBoothSecret(booth, " ", "admin"), RejectCode.InvalidCommand);
    }

    [Fact]
    public void Snapshot_round_trip_keeps_booths_and_who_was_paid()
    {
        var x = new TestExchange();
        var booth = (int)x.Ok(new CreateBooth("Robotics", "hash", "admin", 700)).Id;
        var chess = (int)x.Ok(new CreateBooth("Chess", "hash2", "admin")).Id;
        var a = x.OpenAccount("alice");
        var b = x.OpenAccount("bob");
        x.Ok(new AwardBooth(booth, a, "staff"));
        x.Ok(new ResetBoothSecret(chess, "hash3", "admin"));

        var restored = TestExchange.Around(ExchangeEngine.Restore(CommandSerializer.DeserializeSnapshot(CommandSerializer.SerializeSnapshot(x.Engine.CreateSnapshot()))));
        Assert.Equal(x.SnapshotJson(), restored.SnapshotJson());
        foreach (var ex in new[] { x, restored })
        {
            ex.Reject(new AwardBooth(booth, a, "staff"), RejectCode.BoothAlreadyAwarded);
            ex.Ok(new AwardBooth(booth, b, "staff"));
            ex.Reject(new CreateBooth("chess", "h", "admin"), RejectCode.InvalidCommand);
            Assert.Equal(3, ex.Ok(new CreateBooth("Art", "h", "admin")).Id);
        }
        Assert.Equal(x.StateJson(), restored.StateJson());
        Assert.Equal("hash3", restored.Engine.FindBooth(chess)!.SecretHash);
    }
}
