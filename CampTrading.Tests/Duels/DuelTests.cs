using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Duels;

/// <summary>Duels: stakes reserved at creation and acceptance, hidden choices, payouts, refunds and every refusal.</summary>
public class DuelTests
{
    private readonly TestExchange _x = new();
    private readonly int _alice;
    private readonly int _bob;
    private readonly int _carol;

    public DuelTests()
    {
        _alice = _x.OpenAccount("alice", 1_000);
        _bob = _x.OpenAccount("bob", 1_000);
        _carol = _x.OpenAccount("carol", 1_000);
    }

    private long Create(int challenger, long stake = 100, DuelGame game = DuelGame.RockPaperScissors, int? opponent = null, TimeSpan? expiresIn = null) =>
        _x.Ok(new CreateDuel(challenger, opponent, stake, game, expiresIn)).Id;

    private long Accepted(int challenger, int accepter, long stake = 100)
    {
        var id = Create(challenger, stake);
        _x.Ok(new AcceptDuel(id, accepter, 0));
        return id;
    }

    private EngineEvent[] DuelEvents(int mark) => _x.EventsSince(mark, EventKind.DuelChanged);

    // ---- create ------------------------------------------------------------------------------

    [Fact]
    public void Creating_reserves_the_stake_and_emits_an_open_duel()
    {
        var mark = _x.Mark;
        var id = Create(_alice, 300, opponent: _bob);

        Assert.Equal(1_000, _x.Points(_alice));
        Assert.Equal(300, _x.ReservedPoints(_alice));
        Assert.Equal(700, _x.AvailablePoints(_alice));
        Assert.Empty(_x.EventsSince(mark, EventKind.Ledger)); // a reservation is not a balance change
        var e = Assert.Single(DuelEvents(mark));
        Assert.Equal(id, e.Reference);
        Assert.Equal((byte)DuelState.Open, e.Code);
        Assert.Equal(_alice, e.Account);
        Assert.Equal(_bob, e.Other);
        Assert.Equal(300, e.Amount);
        Assert.Equal(_x.Now + CreateDuel.DefaultExpiry.Ticks, e.BalanceAfter);
        var view = _x.Engine.FindDuel(id)!;
        Assert.Equal(DuelState.Open, view.State);
        Assert.Equal(_x.Now + TimeSpan.FromMinutes(5).Ticks, view.ExpiresAt.UtcTicks);
        Assert.Equal(view.ExpiresAt.UtcTicks, _x.Engine.NextWakeUp);
    }

    [Theory]
    [InlineData(0, RejectCode.InvalidAmount)]
    [InlineData(-5, RejectCode.InvalidAmount)]
    [InlineData(1_001, RejectCode.InsufficientPoints)]
    [InlineData(CreateDuel.MaxStake + 1, RejectCode.InvalidAmount)]
    public void Stakes_must_be_positive_and_available(long stake, RejectCode code) =>
        _x.Reject(new CreateDuel(_alice, null, stake, DuelGame.CoinFlip), code);

    [Fact]
    public void Creating_is_refused_for_bad_accounts_opponents_games_and_expiries()
    {
        _x.Reject(new CreateDuel(9_999, null, 10, DuelGame.CoinFlip), RejectCode.AccountUnknown);
        _x.Reject(new CreateDuel(SystemAccounts.Treasury, null, 10, DuelGame.CoinFlip), RejectCode.NotPermitted);
        _x.Reject(new CreateDuel(_alice, _alice, 10, DuelGame.CoinFlip), RejectCode.DuelOwnChallenge);
        _x.Reject(new CreateDuel(_alice, 9_999, 10, DuelGame.CoinFlip), RejectCode.AccountUnknown);
        _x.Reject(new CreateDuel(_alice, SystemAccounts.Duels, 10, DuelGame.CoinFlip), RejectCode.NotPermitted);
        _x.Reject(new CreateDuel(_alice, null, 10, (DuelGame)9), RejectCode.InvalidCommand);
        _x.Reject(new CreateDuel(_alice, null, 10, DuelGame.CoinFlip, TimeSpan.Zero), RejectCode.InvalidCommand);
        _x.Reject(new CreateDuel(_alice, null, 10, DuelGame.CoinFlip, TimeSpan.FromSeconds(-1)), RejectCode.InvalidCommand);
        _x.Reject(new CreateDuel(_alice, null, 10, DuelGame.CoinFlip, CreateDuel.MaxExpiry + TimeSpan.FromTicks(1)), RejectCode.InvalidCommand);
    }

    [Fact]
    public void A_challenger_must_be_able_to_spend()
    {
        _x.Ok(new SetRestrictions(_alice, AccountRestrictions.Frozen, "staff"));
        _x.Reject(new CreateDuel(_alice, null, 10, DuelGame.CoinFlip), RejectCode.AccountFrozen);
        _x.Ok(new SetRestrictions(_bob, AccountRestrictions.Disabled, "staff"));
        _x.Reject(new CreateDuel(_bob, null, 10, DuelGame.CoinFlip), RejectCode.AccountDisabled);

        _x.Ok(new Grant(_carol, Assets.Points, -1_500, "fine", "staff")); // 500 short: debt
        Assert.Equal(500, _x.Account(_carol).Debt);
        var r = _x.Reject(new CreateDuel(_carol, null, 10, DuelGame.CoinFlip), RejectCode.AccountInDebt);
        Assert.Equal(500, r.Detail1);
    }

    [Fact]
    public void One_open_challenge_per_student_until_it_ends()
    {
        var first = Create(_alice);
        _x.Reject(new CreateDuel(_alice, null, 10, DuelGame.CoinFlip), RejectCode.DuelAlreadyOpen);

        _x.Ok(new AcceptDuel(first, _bob, 0));  // accepted but unfinished still counts
        _x.Reject(new CreateDuel(_alice, null, 10, DuelGame.CoinFlip), RejectCode.DuelAlreadyOpen);

        // Accepting someone else's challenge is not opening one.
        var carols = Create(_carol, 50, DuelGame.CoinFlip);
        _x.Ok(new AcceptDuel(carols, _alice, 3));

        _x.Ok(new ChooseDuel(first, _alice, DuelChoice.Rock));
        _x.Ok(new ChooseDuel(first, _bob, DuelChoice.Rock)); // tie: over
        Create(_alice);
        Create(_bob); // bob's own challenge was never limited by accepting
    }

    [Fact]
    public void Duel_stakes_and_orders_share_the_same_available_points()
    {
        var camp = _x.List("CAMP");
        Create(_alice, 800);
        _x.Reject(new CampTrading.Core.Engine.PlaceOrder(_alice, camp, CampTrading.Core.Trading.Side.Buy,
            CampTrading.Core.Trading.OrderType.Limit, 15, 20), RejectCode.InsufficientPoints); // 300 > 200 available

        Assert.True(_x.Buy(_bob, camp, 40, 20).IsOk); // 800 reserved by the order
        _x.Reject(new CreateDuel(_bob, null, 201, DuelGame.CoinFlip), RejectCode.InsufficientPoints);
        Create(_bob, 200);
        Assert.Equal(1_000, _x.ReservedPoints(_bob));
        Assert.Equal(0, _x.AvailablePoints(_bob));
    }

    // ---- accept ------------------------------------------------------------------------------

    [Fact]
    public void Accepting_reserves_the_accepters_stake_and_restarts_the_window()
    {
        var id = Create(_alice, 250);
        _x.Advance(TimeSpan.FromMinutes(4));
        var mark = _x.Mark;
        var r = _x.Ok(new AcceptDuel(id, _bob, 0));

        Assert.Equal(id, r.Id);
        Assert.Equal((long)DuelState.Accepted, r.Detail1);
        Assert.Equal(250, _x.ReservedPoints(_alice));
        Assert.Equal(250, _x.ReservedPoints(_bob));
        Assert.Equal(1_000, _x.Points(_bob));
        var e = Assert.Single(DuelEvents(mark));
        Assert.Equal((byte)DuelState.Accepted, e.Code);
        Assert.Equal(_bob, e.Other);
        Assert.Equal(_bob, e.Order);
        Assert.Equal(_x.Now + CreateDuel.DefaultExpiry.Ticks, _x.Engine.FindDuel(id)!.ExpiresAt.UtcTicks);
    }

    [Fact]
    public void Accepting_is_refused_by_every_rule()
    {
        var open = Create(_alice, 100);
        var named = Create(_bob, 100, opponent: _carol);

        _x.Reject(new AcceptDuel(999, _bob, 0), RejectCode.DuelUnknown);
        _x.Reject(new AcceptDuel(0, _bob, 0), RejectCode.DuelUnknown);
        _x.Reject(new AcceptDuel(open, _alice, 0), RejectCode.DuelOwnChallenge);
        _x.Reject(new AcceptDuel(named, _alice, 0), RejectCode.DuelNotParticipant);
        _x.Reject(new AcceptDuel(open, 9_999, 0), RejectCode.AccountUnknown);
        _x.Reject(new AcceptDuel(open, SystemAccounts.Fees, 0), RejectCode.NotPermitted);

        var poor = _x.OpenAccount("poor", 99);
        var r = _x.Reject(new AcceptDuel(open, poor, 0), RejectCode.InsufficientPoints);
        Assert.Equal((100, 99), (r.Detail1, r.Detail2));
        var indebted = _x.OpenAccount("indebted", 10);
        _x.Ok(new Grant(indebted, Assets.Points, -50, "fine", "staff"));
        _x.Reject(new AcceptDuel(open, indebted, 0), RejectCode.AccountInDebt);
        var frozen = _x.OpenAccount("frozen", 1_000);
        _x.Ok(new SetRestrictions(frozen, AccountRestrictions.Frozen, "staff"));
        _x.Reject(new AcceptDuel(open, frozen, 0), RejectCode.AccountFrozen);
        var disabled = _x.OpenAccount("disabled", 1_000);
        _x.Ok(new SetRestrictions(disabled, AccountRestrictions.Disabled, "staff"));
        _x.Reject(new AcceptDuel(open, disabled, 0), RejectCode.AccountDisabled);

        _x.Ok(new AcceptDuel(named, _carol, 0)); // the named opponent may
        _x.Reject(new AcceptDuel(named, _alice, 0), RejectCode.DuelNotOpen);
        _x.Ok(new CancelDuel(open, _alice));
        _x.Reject(new AcceptDuel(open, _bob, 0), RejectCode.DuelNotOpen); // finished
    }

    // ---- rock-paper-scissors ------------------------------------------------------------------

    [Theory]
    [InlineData(DuelChoice.Rock, DuelChoice.Rock, DuelState.Tie)]
    [InlineData(DuelChoice.Rock, DuelChoice.Paper, DuelState.AccepterWon)]
    [InlineData(DuelChoice.Rock, DuelChoice.Scissors, DuelState.ChallengerWon)]
    [InlineData(DuelChoice.Paper, DuelChoice.Rock, DuelState.ChallengerWon)]
    [InlineData(DuelChoice.Paper, DuelChoice.Paper, DuelState.Tie)]
    [InlineData(DuelChoice.Paper, DuelChoice.Scissors, DuelState.AccepterWon)]
    [InlineData(DuelChoice.Scissors, DuelChoice.Rock, DuelState.AccepterWon)]
    [InlineData(DuelChoice.Scissors, DuelChoice.Paper, DuelState.ChallengerWon)]
    [InlineData(DuelChoice.Scissors, DuelChoice.Scissors, DuelState.Tie)]
    public void Rock_paper_scissors_outcomes(DuelChoice alices, DuelChoice bobs, DuelState expected)
    {
        Assert.Equal(expected, ExchangeEngine.Outcome(alices, bobs));
        var id = Accepted(_alice, _bob, 200);
        _x.Ok(new ChooseDuel(id, _bob, bobs)); // order of choosing does not matter
        var mark = _x.Mark;
        var r = _x.Ok(new ChooseDuel(id, _alice, alices));

        Assert.Equal((long)expected, r.Detail1);
        var (aliceDelta, bobDelta, winner) = expected switch
        {
            DuelState.ChallengerWon => (200, -200, _alice),
            DuelState.AccepterWon => (-200, 200, _bob),
            _ => (0, 0, 0),
        };
        Assert.Equal(winner, r.Detail2);
        Assert.Equal(1_000 + aliceDelta, _x.Points(_alice));
        Assert.Equal(1_000 + bobDelta, _x.Points(_bob));
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(0, _x.ReservedPoints(_bob));
        Assert.Null(_x.Engine.FindDuel(id));

        var e = Assert.Single(DuelEvents(mark));
        Assert.Equal((byte)expected, e.Code);
        Assert.Equal(winner, e.Remaining);
        Assert.Equal((long)alices + 1, e.Price);   // revealed only now
        Assert.Equal((long)bobs + 1, e.Quantity);
        var ledger = _x.EventsSince(mark, EventKind.Ledger);
        if (winner == 0) Assert.Empty(ledger);
        else
        {
            Assert.Equal(2, ledger.Length);
            Assert.All(ledger, l => Assert.Equal(LedgerKind.Duel, l.LedgerKind));
            Assert.All(ledger, l => Assert.Equal(id, l.Reference));
            Assert.Contains(ledger, l => l.Account == winner && l.Amount == 200);
        }
    }

    [Fact]
    public void The_first_choice_is_hidden_until_both_have_chosen()
    {
        var id = Accepted(_alice, _bob);
        var mark = _x.Mark;
        var r = _x.Ok(new ChooseDuel(id, _alice, DuelChoice.Scissors));

        Assert.Equal((long)DuelState.Chosen, r.Detail1);
        var e = Assert.Single(_x.EventsSince(mark));
        Assert.Equal(EventKind.DuelChanged, e.Kind);
        Assert.Equal((byte)DuelState.Chosen, e.Code);
        Assert.Equal(_alice, e.Order);           // who chose…
        Assert.Equal(0, e.Price);                // …but never what
        Assert.Equal(0, e.Quantity);
        var view = _x.Engine.FindDuel(id)!;
        Assert.True(view.ChallengerChose);
        Assert.False(view.AccepterChose);
        Assert.Equal(DuelState.Accepted, view.State);
    }

    [Fact]
    public void Choosing_is_refused_by_every_rule()
    {
        var open = Create(_alice);
        _x.Reject(new ChooseDuel(open, _alice, DuelChoice.Rock), RejectCode.DuelNotOpen); // not accepted yet
        _x.Reject(new ChooseDuel(open, _bob, DuelChoice.Rock), RejectCode.DuelNotParticipant);
        _x.Reject(new ChooseDuel(42, _alice, DuelChoice.Rock), RejectCode.DuelUnknown);

        _x.Ok(new AcceptDuel(open, _bob, 0));
        _x.Reject(new ChooseDuel(open, _carol, DuelChoice.Rock), RejectCode.DuelNotParticipant);
        _x.Reject(new ChooseDuel(open, 9_999, DuelChoice.Rock), RejectCode.AccountUnknown);
        _x.Reject(new ChooseDuel(open, _alice, (DuelChoice)3), RejectCode.DuelInvalidChoice);
        _x.Ok(new ChooseDuel(open, _alice, DuelChoice.Paper));
        _x.Reject(new ChooseDuel(open, _alice, DuelChoice.Rock), RejectCode.DuelAlreadyChosen);
        _x.Ok(new ChooseDuel(open, _bob, DuelChoice.Rock));
        _x.Reject(new ChooseDuel(open, _bob, DuelChoice.Rock), RejectCode.DuelNotOpen); // decided

        var flip = Create(_carol, 10, DuelGame.CoinFlip);
        _x.Reject(new ChooseDuel(flip, _carol, DuelChoice.Rock), RejectCode.DuelNotOpen);
    }

    // ---- coin flip ---------------------------------------------------------------------------

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(7, false)]
    [InlineData(-1, false)]
    [InlineData(-2, true)]
    [InlineData(int.MaxValue, false)]
    [InlineData(int.MinValue, true)]
    public void Coin_flip_is_decided_at_acceptance_by_the_draws_parity(int draw, bool challengerWins)
    {
        var id = Create(_alice, 150, DuelGame.CoinFlip);
        var mark = _x.Mark;
        var r = _x.Ok(new AcceptDuel(id, _bob, draw));

        var winner = challengerWins ? _alice : _bob;
        Assert.Equal(winner, r.Detail2);
        Assert.Equal(challengerWins ? 1_150 : 850, _x.Points(_alice));
        Assert.Equal(challengerWins ? 850 : 1_150, _x.Points(_bob));
        Assert.Equal(0, _x.ReservedPoints(_alice) + _x.ReservedPoints(_bob));
        var states = DuelEvents(mark).Select(e => (DuelState)e.Code).ToArray();
        Assert.Equal([DuelState.Accepted, challengerWins ? DuelState.ChallengerWon : DuelState.AccepterWon], states);
        Assert.Equal(0, _x.Engine.ActiveDuelCount);
    }

    [Fact]
    public void Rock_paper_scissors_ignores_the_draw()
    {
        var id = Create(_alice);
        _x.Ok(new AcceptDuel(id, _bob, 1));
        Assert.Equal(DuelState.Accepted, _x.Engine.FindDuel(id)!.State);
    }

    // ---- expiry --------------------------------------------------------------------------------

    [Fact]
    public void An_open_duel_expires_at_its_deadline_and_refunds()
    {
        var start = _x.Now;
        var id = Create(_alice, 400);
        var deadline = _x.Now + CreateDuel.DefaultExpiry.Ticks;
        Assert.Equal(deadline, _x.Engine.NextWakeUp);

        _x.ApplyAt(deadline - 1, new Tick());
        Assert.Equal(400, _x.ReservedPoints(_alice));

        var mark = _x.Mark;
        _x.ApplyAt(deadline, new Tick());
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(1_000, _x.Points(_alice));
        var e = Assert.Single(DuelEvents(mark));
        Assert.Equal((byte)DuelState.Expired, e.Code);
        Assert.Equal(id, e.Reference);
        Assert.Equal(long.MaxValue, _x.Engine.NextWakeUp);
        Assert.True(deadline > start);
        _x.Reject(new AcceptDuel(id, _bob, 0), RejectCode.DuelNotOpen);
    }

    [Fact]
    public void An_accepted_but_unfinished_duel_expires_and_refunds_both()
    {
        var id = Accepted(_alice, _bob, 300);
        _x.Ok(new ChooseDuel(id, _bob, DuelChoice.Rock)); // alice never chooses
        var deadline = _x.Engine.FindDuel(id)!.ExpiresAt.UtcTicks;

        var mark = _x.Mark;
        _x.ApplyAt(deadline + TimeSpan.TicksPerSecond, new Tick());

        Assert.Equal((0, 0), (_x.ReservedPoints(_alice), _x.ReservedPoints(_bob)));
        Assert.Equal((1_000, 1_000), (_x.Points(_alice), _x.Points(_bob)));
        Assert.Equal((byte)DuelState.Expired, Assert.Single(DuelEvents(mark)).Code);
        Assert.Empty(_x.EventsSince(mark, EventKind.Ledger));
    }

    [Fact]
    public void Any_command_past_the_deadline_expires_first_and_then_applies()
    {
        var id = Create(_alice, 900, expiresIn: TimeSpan.FromSeconds(30));
        _x.Advance(TimeSpan.FromSeconds(31));
        // Alice could not afford this while the stake was held; expiry runs before the command.
        var again = _x.Ok(new CreateDuel(_alice, null, 950, DuelGame.CoinFlip));
        Assert.NotEqual(id, again.Id);
        Assert.Null(_x.Engine.FindDuel(id));
        Assert.Equal(950, _x.ReservedPoints(_alice));
    }

    [Fact]
    public void Several_duels_expire_in_deadline_order()
    {
        var late = Create(_alice, 10, expiresIn: TimeSpan.FromMinutes(3));
        var early = Create(_bob, 10, expiresIn: TimeSpan.FromMinutes(1));
        var never = Create(_carol, 10, expiresIn: TimeSpan.FromHours(1));
        Assert.Equal(_x.Engine.FindDuel(early)!.ExpiresAt.UtcTicks, _x.Engine.NextWakeUp);

        var mark = _x.Mark;
        _x.Advance(TimeSpan.FromMinutes(10));
        _x.Tick();
        Assert.Equal([early, late], DuelEvents(mark).Select(e => e.Reference).ToArray());
        Assert.Equal(_x.Engine.FindDuel(never)!.ExpiresAt.UtcTicks, _x.Engine.NextWakeUp);
    }

    // ---- cancel --------------------------------------------------------------------------------

    [Fact]
    public void The_challenger_cancels_before_acceptance_and_is_refunded()
    {
        var id = Create(_alice, 500);
        _x.Reject(new CancelDuel(id, _bob), RejectCode.DuelNotParticipant);
        var mark = _x.Mark;
        _x.Ok(new CancelDuel(id, _alice));
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal((byte)DuelState.Cancelled, Assert.Single(DuelEvents(mark)).Code);
        _x.Reject(new CancelDuel(id, _alice), RejectCode.DuelNotOpen);
        _x.Reject(new CancelDuel(77, _alice), RejectCode.DuelUnknown);
    }

    [Fact]
    public void After_acceptance_only_staff_may_cancel_and_both_are_refunded()
    {
        var id = Accepted(_alice, _bob, 500);
        _x.Reject(new CancelDuel(id, _alice), RejectCode.DuelNotOpen);
        _x.Reject(new CancelDuel(id, _bob), RejectCode.DuelNotParticipant);
        _x.Ok(new ChooseDuel(id, _alice, DuelChoice.Paper));

        var mark = _x.Mark;
        _x.Ok(new CancelDuel(id, 0, "moderator"));
        Assert.Equal((0, 0), (_x.ReservedPoints(_alice), _x.ReservedPoints(_bob)));
        Assert.Equal((1_000, 1_000), (_x.Points(_alice), _x.Points(_bob)));
        var e = Assert.Single(DuelEvents(mark));
        Assert.Equal((byte)DuelState.Cancelled, e.Code);
        Assert.Equal(0, e.Order);
        Assert.Equal(0, e.Price); // a cancelled duel never reveals a choice
    }

    [Fact]
    public void Staff_may_cancel_an_open_duel_too()
    {
        var id = Create(_alice, 500);
        _x.Ok(new CancelDuel(id, _carol, "moderator"));
        Assert.Equal(0, _x.ReservedPoints(_alice));
    }

    // ---- debt ----------------------------------------------------------------------------------

    [Fact]
    public void A_duel_win_repays_the_winners_debt_first()
    {
        var id = Accepted(_alice, _bob, 100);
        _x.Ok(new Grant(_bob, Assets.Points, -1_500, "fine", "staff")); // takes the 900 available, 600 owed
        Assert.Equal(600, _x.Account(_bob).Debt);
        Assert.Equal(100, _x.Points(_bob));

        _x.Ok(new ChooseDuel(id, _alice, DuelChoice.Rock));
        var mark = _x.Mark;
        _x.Ok(new ChooseDuel(id, _bob, DuelChoice.Paper));

        Assert.Equal(500, _x.Account(_bob).Debt);
        Assert.Equal(100, _x.Points(_bob));
        var ledger = _x.EventsSince(mark, EventKind.Ledger).Where(e => e.Account == _bob).ToArray();
        Assert.Equal([LedgerKind.Duel, LedgerKind.DebtRepayment], ledger.Select(e => e.LedgerKind).ToArray());
        Assert.Equal([100L, -100L], ledger.Select(e => e.Amount).ToArray());
        Assert.Equal(900, _x.Points(_alice));
    }

    [Fact]
    public void A_loser_with_debt_still_pays_from_the_reserved_stake()
    {
        var id = Accepted(_alice, _bob, 100);
        _x.Ok(new Grant(_bob, Assets.Points, -1_500, "fine", "staff"));
        _x.Ok(new ChooseDuel(id, _alice, DuelChoice.Paper));
        _x.Ok(new ChooseDuel(id, _bob, DuelChoice.Rock));
        Assert.Equal(0, _x.Points(_bob));
        Assert.Equal(600, _x.Account(_bob).Debt);
        Assert.Equal(1_100, _x.Points(_alice));
    }

    // ---- settlement ----------------------------------------------------------------------------

    [Fact]
    public void After_settlement_duels_are_refused()
    {
        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        _x.Reject(new CreateDuel(_alice, null, 10, DuelGame.CoinFlip), RejectCode.MarketSettled);
    }

    // ---- books ---------------------------------------------------------------------------------

    [Fact]
    public void Many_duels_keep_the_books_balanced_and_the_ledger_complete()
    {
        var rng = new Random(7);
        var players = Enumerable.Range(0, 8).Select(i => _x.OpenAccount($"p{i}", 2_000)).ToArray();
        for (var step = 0; step < 600; step++)
        {
            var p = players[rng.Next(players.Length)];
            var q = players[rng.Next(players.Length)];
            var duels = _x.Engine.ActiveDuels();
            var duel = duels.Count > 0 ? duels[rng.Next(duels.Count)] : null;
            Command command = rng.Next(6) switch
            {
                0 or 1 => new CreateDuel(p, rng.Next(3) == 0 ? q : null, rng.Next(1, 400), (DuelGame)rng.Next(2), TimeSpan.FromSeconds(rng.Next(1, 90))),
                2 => new AcceptDuel(duel?.Id ?? 1, q, rng.Next()),
                3 => new ChooseDuel(duel?.Id ?? 1, rng.Next(2) == 0 ? duel?.ChallengerId ?? p : duel?.AccepterId ?? q, (DuelChoice)rng.Next(3)),
                4 => new CancelDuel(duel?.Id ?? 1, rng.Next(2) == 0 ? duel?.ChallengerId ?? p : q, rng.Next(5) == 0 ? "staff" : null),
                _ => new Tick(),
            };
            _x.ApplyAt(_x.Now + rng.Next(1, 5_000) * TimeSpan.TicksPerMillisecond, command); // invariants checked inside
        }
        Assert.Equal(players.Length * 2_000L + 3_000, players.Sum(_x.Points) + _x.Points(_alice) + _x.Points(_bob) + _x.Points(_carol));
        LedgerAudit.Verify(_x.Engine);
    }
}
