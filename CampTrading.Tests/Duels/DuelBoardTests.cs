using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Duels;

/// <summary>The duel read model: every phase as the students see it, the live updates, and the rebuild after a restart.</summary>
public class DuelBoardTests
{
    private readonly TestExchange _x = new();
    private readonly DuelBoard _board = new();
    private readonly int _alice;
    private readonly int _bob;
    private readonly int _carol;
    private int _fed;

    public DuelBoardTests()
    {
        _alice = _x.OpenAccount("alice", 1_000);
        _bob = _x.OpenAccount("bob", 1_000);
        _carol = _x.OpenAccount("carol", 1_000);
        Feed();
    }

    /// <summary>Hands the board every event since the last call, as the sequencer does after a durable batch.</summary>
    private void Feed()
    {
        _board.OnBatch(_x.Engine, _x.Engine.Events.Span[_fed..]);
        _fed = _x.Engine.Events.Count;
    }

    private long Apply(Command command)
    {
        var id = _x.Ok(command).Id;
        Feed();
        return id;
    }

    [Fact]
    public void A_room_challenge_is_open_to_everyone_but_its_challenger()
    {
        var id = Apply(new CreateDuel(_alice, null, 100, DuelGame.RockPaperScissors));

        var duel = _board.Find(id)!;
        Assert.Equal(DuelPhase.Open, duel.Phase);
        Assert.Equal("alice", duel.ChallengerName);
        Assert.Null(duel.OpponentId);
        Assert.Null(duel.OpponentOf(_alice));
        Assert.Equal(100, duel.Stake);
        Assert.Equal(_x.NowUtc + CreateDuel.DefaultExpiry, duel.ExpiresAt);
        Assert.Empty(_board.AcceptableBy(_alice));
        Assert.Equal([id], _board.AcceptableBy(_bob).Select(d => d.Id));
        Assert.Equal([id], _board.AcceptableBy(_carol).Select(d => d.Id));
        Assert.Equal([id], _board.Of(_alice).Select(d => d.Id));
        Assert.Empty(_board.Of(_bob));
    }

    [Fact]
    public void A_named_challenge_is_open_only_to_the_named_opponent()
    {
        var id = Apply(new CreateDuel(_alice, _bob, 50, DuelGame.CoinFlip));

        Assert.Equal("bob", _board.Find(id)!.OpponentName);
        Assert.Equal("bob", _board.Find(id)!.OpponentOf(_alice));
        Assert.Single(_board.AcceptableBy(_bob));
        Assert.Empty(_board.AcceptableBy(_carol));
    }

    [Fact]
    public void Choices_stay_hidden_until_both_chose_and_the_result_names_the_winner()
    {
        using var updates = _board.Updates.Subscribe();
        var id = Apply(new CreateDuel(_alice, null, 100, DuelGame.RockPaperScissors));
        Apply(new AcceptDuel(id, _bob, 0));

        var accepted = _board.Find(id)!;
        Assert.Equal(DuelPhase.AwaitingChoices, accepted.Phase);
        Assert.Equal("bob", accepted.AccepterName);
        Assert.Equal("bob", accepted.OpponentOf(_alice));
        Assert.Equal("alice", accepted.OpponentOf(_bob));
        Assert.Empty(_board.AcceptableBy(_carol));
        Assert.Equal([id], _board.Of(_bob).Select(d => d.Id));

        Apply(new ChooseDuel(id, _bob, DuelChoice.Rock));
        var chosen = _board.Find(id)!;
        Assert.Equal(DuelState.Chosen, chosen.State);
        Assert.True(chosen.HasChosen(_bob));
        Assert.False(chosen.HasChosen(_alice));
        Assert.Null(chosen.AccepterChoice); // what Bob chose is not told yet

        Apply(new ChooseDuel(id, _alice, DuelChoice.Paper));
        var done = _board.Find(id)!;
        Assert.Equal(DuelPhase.Resolved, done.Phase);
        Assert.Equal(DuelState.ChallengerWon, done.State);
        Assert.Equal(_alice, done.WinnerId);
        Assert.Equal(DuelChoice.Paper, done.ChallengerChoice);
        Assert.Equal(DuelChoice.Rock, done.AccepterChoice);
        Assert.Null(done.ExpiresAt);
        Assert.False(done.IsActive);
        Assert.Empty(_board.Active);
        Assert.Equal([id], _board.Of(_alice).Select(d => d.Id)); // finished duels stay in the history

        var seen = new List<DuelUpdate>();
        while (updates.Reader.TryRead(out var update)) seen.Add(update);
        Assert.Equal(
            [DuelState.Open, DuelState.Accepted, DuelState.Chosen, DuelState.ChallengerWon],
            seen.Select(u => Assert.Single(u.Changed).State));
        Assert.True(seen[0].Touches(_carol)); // a room challenge concerns everyone
        Assert.True(seen[^1].Touches(_bob));
    }

    [Fact]
    public void A_coin_flip_is_decided_at_acceptance()
    {
        var id = Apply(new CreateDuel(_alice, null, 40, DuelGame.CoinFlip));
        Apply(new AcceptDuel(id, _carol, 1)); // odd: the accepter wins

        var done = _board.Find(id)!;
        Assert.Equal(DuelState.AccepterWon, done.State);
        Assert.Equal(_carol, done.WinnerId);
        Assert.Equal("carol", done.AccepterName);
        Assert.Null(done.ChallengerChoice);
    }

    [Fact]
    public void Cancelled_and_expired_duels_keep_their_opponent_and_leave_the_active_list()
    {
        var named = Apply(new CreateDuel(_alice, _bob, 10, DuelGame.CoinFlip));
        Apply(new CancelDuel(named, 0, "staff-kim"));
        var cancelled = _board.Find(named)!;
        Assert.Equal(DuelPhase.Cancelled, cancelled.Phase);
        Assert.Equal(_bob, cancelled.OpponentId);
        Assert.Equal(0, cancelled.AccepterId);

        var room = Apply(new CreateDuel(_carol, null, 10, DuelGame.RockPaperScissors, TimeSpan.FromMinutes(1)));
        Apply(new AcceptDuel(room, _alice, 0));
        _x.Advance(TimeSpan.FromMinutes(2));
        _x.Tick();
        Feed();
        var expired = _board.Find(room)!;
        Assert.Equal(DuelPhase.Expired, expired.Phase);
        Assert.Equal(_alice, expired.AccepterId);
        Assert.Null(expired.OpponentId);
        Assert.Empty(_board.Active);
    }

    [Fact]
    public void Created_and_finished_in_one_batch_is_still_told_right()
    {
        var id = _x.Ok(new CreateDuel(_alice, null, 100, DuelGame.RockPaperScissors)).Id;
        _x.Ok(new AcceptDuel(id, _bob, 0));
        _x.Ok(new ChooseDuel(id, _alice, DuelChoice.Rock));
        _x.Ok(new ChooseDuel(id, _bob, DuelChoice.Rock));
        Feed();

        var done = _board.Find(id)!;
        Assert.Equal(DuelState.Tie, done.State);
        Assert.Equal(_bob, done.AccepterId);
        Assert.Equal(0, done.WinnerId);
    }

    [Fact]
    public void After_a_restart_the_board_rebuilds_unfinished_duels_from_the_engine()
    {
        var open = Apply(new CreateDuel(_carol, _alice, 70, DuelGame.CoinFlip));
        var accepted = Apply(new CreateDuel(_alice, null, 300, DuelGame.RockPaperScissors));
        Apply(new AcceptDuel(accepted, _bob, 0));
        Apply(new ChooseDuel(accepted, _alice, DuelChoice.Scissors));

        var json = JsonSerializer.Serialize(_x.Engine.CreateSnapshot(), TestExchange.Json);
        var restored = ExchangeEngine.Restore(JsonSerializer.Deserialize<EngineSnapshot>(json, TestExchange.Json)!);
        var board = new DuelBoard();
        board.OnBatch(restored, []); // recovery's first flush, with nothing replayed

        Assert.Equal([open, accepted], board.Active.Select(d => d.Id));
        Assert.Equal(_board.Find(open)! with { ChangedAt = default }, board.Find(open)! with { ChangedAt = default });
        var rebuilt = board.Find(accepted)!;
        Assert.Equal(DuelState.Chosen, rebuilt.State);
        Assert.True(rebuilt.HasChosen(_alice));
        Assert.False(rebuilt.HasChosen(_bob));
        Assert.Equal("bob", rebuilt.AccepterName);
        Assert.Equal(_board.Find(accepted)!.ExpiresAt, rebuilt.ExpiresAt);
        Assert.Equal([open], board.AcceptableBy(_alice).Select(d => d.Id));
    }

    [Fact]
    public void Old_finished_duels_are_forgotten_beyond_the_limit_but_running_ones_never()
    {
        var board = new DuelBoard(finishedToKeep: 2);
        var running = _x.Ok(new CreateDuel(_carol, null, 1, DuelGame.RockPaperScissors)).Id;
        var finished = new List<long>();
        for (var k = 0; k < 4; k++)
        {
            var id = _x.Ok(new CreateDuel(_alice, null, 1, DuelGame.CoinFlip)).Id;
            _x.Ok(new CancelDuel(id, _alice));
            finished.Add(id);
        }
        board.OnBatch(_x.Engine, _x.Engine.Events.Span);

        Assert.NotNull(board.Find(running));
        Assert.Null(board.Find(finished[0]));
        Assert.Null(board.Find(finished[1]));
        Assert.NotNull(board.Find(finished[3]));
    }
}
