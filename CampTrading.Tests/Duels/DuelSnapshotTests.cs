using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Duels;

/// <summary>Unfinished duels survive snapshot → restore with their stakes, hidden choices and deadlines.</summary>
public class DuelSnapshotTests
{
    private static (TestExchange X, int Alice, int Bob, int Carol, long Open, long Accepted) WithDuels()
    {
        var x = new TestExchange();
        var alice = x.OpenAccount("alice", 1_000);
        var bob = x.OpenAccount("bob", 1_000);
        var carol = x.OpenAccount("carol", 1_000);
        var open = x.Ok(new CreateDuel(carol, alice, 70, DuelGame.CoinFlip, TimeSpan.FromMinutes(2))).Id;
        var accepted = x.Ok(new CreateDuel(alice, null, 300, DuelGame.RockPaperScissors)).Id;
        x.Ok(new AcceptDuel(accepted, bob, 0));
        x.Ok(new ChooseDuel(accepted, alice, DuelChoice.Scissors)); // hidden, but kept
        var finished = x.Ok(new CreateDuel(bob, null, 5, DuelGame.CoinFlip)).Id;
        x.Ok(new CancelDuel(finished, bob));
        return (x, alice, bob, carol, open, accepted);
    }

    private static ExchangeEngine RoundTrip(ExchangeEngine engine, JsonSerializerOptions options) =>
        ExchangeEngine.Restore(JsonSerializer.Deserialize<EngineSnapshot>(JsonSerializer.Serialize(engine.CreateSnapshot(), options), options)!);

    [Fact]
    public void Open_and_accepted_duels_round_trip_identically()
    {
        var (x, _, _, _, _, _) = WithDuels();
        foreach (var options in new[] { TestExchange.Json, CommandSerializer.Options })
        {
            var restored = TestExchange.Around(RoundTrip(x.Engine, options));
            Assert.Equal(x.SnapshotJson(), restored.SnapshotJson());
            Assert.Equal(x.Engine.NextWakeUp, restored.Engine.NextWakeUp);
            Assert.Equal(x.Engine.ActiveDuels(), restored.Engine.ActiveDuels());
            Assert.Empty(CampTrading.Core.Ledger.InvariantChecker.Check(restored.Engine));
        }
        Assert.Equal(2, x.Engine.CreateSnapshot().Duels.Count);
        Assert.Equal(4, x.Engine.CreateSnapshot().NextDuelId);
    }

    [Fact]
    public void A_restored_engine_has_the_same_future()
    {
        var (x, alice, bob, carol, open, accepted) = WithDuels();
        var y = TestExchange.Around(RoundTrip(x.Engine, CommandSerializer.Options));

        foreach (var t in new[] { x, y })
        {
            t.Reject(new CreateDuel(alice, null, 1, DuelGame.CoinFlip), RejectCode.DuelAlreadyOpen);
            t.Reject(new ChooseDuel(accepted, alice, DuelChoice.Rock), RejectCode.DuelAlreadyChosen);
            t.Reject(new CancelDuel(3, bob), RejectCode.DuelNotOpen); // finished before the snapshot
            var r = t.Ok(new ChooseDuel(accepted, bob, DuelChoice.Rock)); // rock blunts scissors
            Assert.Equal((long)DuelState.AccepterWon, r.Detail1);
            Assert.Equal(4, t.Ok(new CreateDuel(bob, null, 10, DuelGame.CoinFlip)).Id);
            t.TickAt(t.NowUtc.AddMinutes(3)); // carol's challenge expires
            Assert.Null(t.Engine.FindDuel(open));
            Assert.Equal(0, t.ReservedPoints(carol));
        }
        Assert.Equal(x.SnapshotJson(), y.SnapshotJson());
        Assert.Equal(x.EventsSince(0).Where(e => e.Seq > 0 && e.Seq >= y.EventsSince(0).First().Seq), y.EventsSince(0));
    }
}
