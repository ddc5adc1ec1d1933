using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Arcade;

/// <summary>Arcade machines in the engine: charges, prizes, exactly-once transactions and every refusal.</summary>
public class ArcadeEngineTests
{
    private static (TestExchange X, int Machine, int Student) Setup(long points = 1_000)
    {
        var x = new TestExchange();
        var machine = (int)x.Ok(new RegisterArcadeMachine("Pinball 1", "keyhash", "admin")).Id;
        var student = x.OpenAccount("alice", points);
        return (x, machine, student);
    }

    [Fact]
    public void A_charge_moves_points_to_the_arcade_account()
    {
        var (x, m, s) = Setup();
        var mark = x.Mark;
        var result = x.Ok(new ArcadeTransaction(m, "tx-1", s, -30, "pinball"));
        Assert.Equal(-30, result.Detail1);
        Assert.Equal(970, result.Detail2);
        Assert.Equal(970, x.Points(s));
        Assert.Equal(30, x.Points(SystemAccounts.Arcade));
        var ledger = x.EventsSince(mark, EventKind.Ledger);
        Assert.Equal(2, ledger.Length);
        Assert.All(ledger, e => Assert.Equal(LedgerKind.Arcade, e.LedgerKind));
        Assert.All(ledger, e => Assert.Equal(result.Id, e.Reference));
    }

    [Fact]
    public void A_prize_moves_points_from_the_arcade_account()
    {
        var (x, m, s) = Setup(points: 0);
        var result = x.Ok(new ArcadeTransaction(m, "tx-1", s, 250, "claw"));
        Assert.Equal(250, x.Points(s));
        Assert.Equal(-250, x.Points(SystemAccounts.Arcade));
        Assert.Equal(250, result.Detail2);
    }

    [Fact]
    public void A_retry_with_the_same_details_returns_the_original_result_and_moves_nothing()
    {
        var (x, m, s) = Setup();
        var first = x.Ok(new ArcadeTransaction(m, "tx-1", s, -30, "pinball"));
        x.Ok(new ArcadeTransaction(m, "tx-2", s, -30, "pinball")); // balance moves on meanwhile

        var before = x.StateJson();
        var mark = x.Mark;
        var retry = x.Apply(new ArcadeTransaction(m, "tx-1", s, -30, " pinball "));
        Assert.Equal(first, retry);
        Assert.Empty(x.EventsSince(mark));
        Assert.Equal(before, x.StateJson());
        Assert.Equal(940, x.Points(s));
        Assert.Equal(2, x.Engine.FindArcadeMachine(m)!.Transactions);
    }

    [Fact]
    public void The_same_id_with_other_details_is_a_conflict()
    {
        var (x, m, s) = Setup();
        var other = x.OpenAccount("bob", 100);
        x.Ok(new ArcadeTransaction(m, "tx-1", s, -30, "pinball"));
        x.Reject(new ArcadeTransaction(m, "tx-1", s, -31, "pinball"), RejectCode.ArcadeTransactionConflict);
        x.Reject(new ArcadeTransaction(m, "tx-1", other, -30, "pinball"), RejectCode.ArcadeTransactionConflict);
        x.Reject(new ArcadeTransaction(m, "tx-1", s, -30, "claw"), RejectCode.ArcadeTransactionConflict);
        x.Reject(new ArcadeTransaction(m, "tx-1", s, 30, "pinball"), RejectCode.ArcadeTransactionConflict);
    }

    [Fact]
    public void Transaction_ids_belong_to_their_machine()
    {
        var (x, m, s) = Setup();
        var m2 = (int)x.Ok(new RegisterArcadeMachine("Claw", "keyhash2", "admin")).Id;
        x.Ok(new ArcadeTransaction(m, "tx-1", s, -30, "pinball"));
        x.Ok(new ArcadeTransaction(m2, "tx-1", s, -30, "claw"));
        Assert.Equal(940, x.Points(s));
    }

    [Fact]
    public void A_refused_transaction_is_not_remembered_so_a_retry_is_evaluated_afresh()
    {
        var (x, m, s) = Setup(points: 10);
        x.Reject(new ArcadeTransaction(m, "tx-1", s, -30, "pinball"), RejectCode.InsufficientPoints);
        x.GrantPoints(s, 50);
        x.Ok(new ArcadeTransaction(m, "tx-1", s, -30, "pinball"));
        Assert.Equal(30, x.Points(s));
    }

    [Fact]
    public void Refusals_of_transactions()
    {
        var (x, m, s) = Setup(points: 20);
        var revoked = (int)x.Ok(new RegisterArcadeMachine("Old", "keyhash2", "admin")).Id;
        x.Ok(new RevokeArcadeMachine(revoked, "admin"));

        x.Reject(new ArcadeTransaction(99, "tx-1", s, -5, "pinball"), RejectCode.ArcadeMachineUnknown);
        x.Reject(new ArcadeTransaction(0, "tx-1", s, -5, "pinball"), RejectCode.ArcadeMachineUnknown);
        x.Reject(new ArcadeTransaction(revoked, "tx-1", s, -5, "pinball"), RejectCode.ArcadeMachineRevoked);
        x.Reject(new ArcadeTransaction(m, "tx-1", s, 0, "pinball"), RejectCode.InvalidAmount);
        x.Reject(new ArcadeTransaction(m, "tx-1", s, ArcadeTransaction.MaxAmount + 1, "pinball"), RejectCode.InvalidAmount);
        x.Reject(new ArcadeTransaction(m, "tx-1", s, long.MinValue, "pinball"), RejectCode.InvalidAmount);
        x.Reject(new ArcadeTransaction(m, "", s, -5, "pinball"), RejectCode.InvalidCommand);
        x.Reject(new ArcadeTransaction(m, new string('x', ArcadeTransaction.MaxIdLength + 1), s, -5, "pinball"), RejectCode.InvalidCommand);
        x.Reject(new ArcadeTransaction(m, "tx-1", s, -5, " "), RejectCode.InvalidCommand);
        x.Reject(new ArcadeTransaction(m, "tx-1", 999, -5, "pinball"), RejectCode.AccountUnknown);
        x.Reject(new ArcadeTransaction(m, "tx-1", SystemAccounts.Fees, 5, "pinball"), RejectCode.NotPermitted);
        var insufficient = x.Reject(new ArcadeTransaction(m, "tx-1", s, -21, "pinball"), RejectCode.InsufficientPoints);
        Assert.Equal((21, 20), (insufficient.Detail1, insufficient.Detail2));
    }

    [Fact]
    public void A_charge_needs_available_points_not_reserved_ones()
    {
        var (x, m, s) = Setup(points: 100);
        var camp = x.List("CAMP");
        x.Buy(s, camp, 4, 20); // reserves 80
        x.Reject(new ArcadeTransaction(m, "tx-1", s, -21, "pinball"), RejectCode.InsufficientPoints);
        x.Ok(new ArcadeTransaction(m, "tx-1", s, -20, "pinball"));
        x.AssertInvariants();
    }

    [Fact]
    public void A_charge_needs_an_account_that_can_spend_but_a_prize_does_not()
    {
        var (x, m, s) = Setup(points: 100);
        x.Account(s).Restrictions = AccountRestrictions.Frozen;
        x.Reject(new ArcadeTransaction(m, "tx-1", s, -5, "pinball"), RejectCode.AccountFrozen);
        x.Ok(new ArcadeTransaction(m, "tx-2", s, 5, "pinball"));

        x.Account(s).Restrictions = AccountRestrictions.Disabled;
        x.Reject(new ArcadeTransaction(m, "tx-3", s, -5, "pinball"), RejectCode.AccountDisabled);
        x.Reject(new ArcadeTransaction(m, "tx-3", s, 5, "pinball"), RejectCode.AccountDisabled);

        x.Account(s).Restrictions = AccountRestrictions.None;
        x.GrantPoints(s, -1_000); // takes 105, 895 becomes debt
        var inDebt = x.Reject(new ArcadeTransaction(m, "tx-3", s, -5, "pinball"), RejectCode.AccountInDebt);
        Assert.Equal(895, inDebt.Detail1);
    }

    [Fact]
    public void Revoking_a_machine_stops_new_transactions_but_a_retry_still_gets_its_answer()
    {
        var (x, m, s) = Setup();
        var first = x.Ok(new ArcadeTransaction(m, "tx-1", s, -30, "pinball"));
        x.Ok(new RevokeArcadeMachine(m, "admin"));
        x.Reject(new RevokeArcadeMachine(m, "admin"), RejectCode.ArcadeMachineRevoked);
        x.Reject(new RevokeArcadeMachine(42, "admin"), RejectCode.ArcadeMachineUnknown);
        x.Reject(new ArcadeTransaction(m, "tx-2", s, -30, "pinball"), RejectCode.ArcadeMachineRevoked);
        Assert.Equal(first, x.Apply(new ArcadeTransaction(m, "tx-1", s, -30, "pinball")));
        Assert.True(x.Engine.FindArcadeMachine(m)!.Revoked);
    }

    [Fact]
    public void Refusals_of_registration()
    {
        var x = new TestExchange();
        x.Reject(new RegisterArcadeMachine(" ", "hash", "admin"), RejectCode.InvalidCommand);
        x.Reject(new RegisterArcadeMachine("Pinball", "", "admin"), RejectCode.InvalidCommand);
        x.Reject(new RegisterArcadeMachine(new string('x', RegisterArcadeMachine.MaxNameLength + 1), "hash", "admin"), RejectCode.InvalidCommand);
        x.Reject(new RegisterArcadeMachine("Pinball", new string('x', RegisterArcadeMachine.MaxHashLength + 1), "admin"), RejectCode.InvalidCommand);
    }

    [Fact]
    public void Snapshot_round_trip_keeps_machines_and_remembered_transactions()
    {
        var (x, m, s) = Setup();
        var m2 = (int)x.Ok(new RegisterArcadeMachine("Claw", "keyhash2", "admin")).Id;
        var first = x.Ok(new ArcadeTransaction(m, "tx-1", s, -30, "pinball"));
        x.Ok(new ArcadeTransaction(m2, "tx-9", s, 70, "claw"));
        x.Ok(new RevokeArcadeMachine(m2, "admin"));

        var bytes = CommandSerializer.SerializeSnapshot(x.Engine.CreateSnapshot());
        var restored = TestExchange.Around(ExchangeEngine.Restore(CommandSerializer.DeserializeSnapshot(bytes)));
        Assert.Equal(x.SnapshotJson(), restored.SnapshotJson());

        foreach (var ex in new[] { x, restored })
        {
            Assert.Equal(first, ex.Apply(new ArcadeTransaction(m, "tx-1", s, -30, "pinball")));
            ex.Reject(new ArcadeTransaction(m, "tx-1", s, -31, "pinball"), RejectCode.ArcadeTransactionConflict);
            ex.Reject(new ArcadeTransaction(m2, "tx-10", s, 5, "claw"), RejectCode.ArcadeMachineRevoked);
            var next = ex.Ok(new ArcadeTransaction(m, "tx-2", s, -10, "pinball"));
            Assert.Equal(3, next.Id); // transaction ids continue
        }
        Assert.Equal(x.StateJson(), restored.StateJson());
    }
}
