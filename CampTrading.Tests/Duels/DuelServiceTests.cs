using System.Runtime.CompilerServices;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Duels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Points;
using Npgsql;

namespace CampTrading.Tests.Duels;

/// <summary>The duel service over a real sequencer: opponents by name, and the coin flip's randomness carried in the journaled command.</summary>
public sealed class DuelServiceTests : IAsyncDisposable
{
    private readonly MemoryJournal _journal = new();
    private readonly MarketReadModel _market = new();
    private readonly DuelBoard _board = new();
    private readonly Sequencer _sequencer;
    private readonly ExchangeService _exchange;
    private readonly NpgsqlDataSource _unusedDatabase = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1"); // only staff cancels audit
    private readonly DuelService _duels;

    public DuelServiceTests()
    {
        _exchange = new ExchangeService(_market);
        _sequencer = new Sequencer(new ExchangeEngine(), _journal, null, TimeProvider.System, new SequencerOptions(), [_market, _board]);
        _duels = new DuelService(_exchange, _board, new RecipientResolver(_market, [new AccountNameDirectory(_market)]), new AuditLog(_unusedDatabase));
        _sequencer.Start();
        _exchange.Started(_sequencer, new RecoveryReport(0, 0, 0, TimeSpan.Zero));
    }

    public async ValueTask DisposeAsync()
    {
        await _sequencer.DisposeAsync();
        await _unusedDatabase.DisposeAsync();
    }

    private async Task<int> StudentAsync(string name, long points = 1_000)
    {
        var id = (int)(await _exchange.SubmitAsync(new OpenAccount(name))).Id;
        await _exchange.SubmitAsync(new Grant(id, Assets.Points, points, "test", "test"));
        return id;
    }

    [Fact]
    public async Task An_unknown_opponent_is_refused_before_the_engine_and_nothing_is_reserved()
    {
        var alice = await StudentAsync("alice");

        var answer = await _duels.ChallengeAsync(alice, "nobody here", 100, DuelGame.RockPaperScissors);

        Assert.False(answer.Ok);
        Assert.Equal(DuelProblem.OpponentNotFound, answer.Problem);
        Assert.Equal(0, _market.Account(alice)!.ReservedPoints);
        Assert.Empty(_board.Active);
        Assert.DoesNotContain(_journal.Commands, c => c is CreateDuel);
    }

    [Fact]
    public async Task A_named_opponent_is_found_by_name_and_only_they_may_accept()
    {
        var alice = await StudentAsync("alice");
        var bob = await StudentAsync("Bob Chen");
        var carol = await StudentAsync("carol");

        var answer = await _duels.ChallengeAsync(alice, "  bob chen ", 100, DuelGame.RockPaperScissors);

        Assert.True(answer.Ok);
        var duel = _board.Find(answer.Result.Id)!;
        Assert.Equal(bob, duel.OpponentId);
        Assert.Equal("Bob Chen", duel.OpponentName);
        Assert.Equal(100, _market.Account(alice)!.ReservedPoints);
        var refused = await _duels.AcceptAsync(duel.Id, carol);
        Assert.Equal(RejectCode.DuelNotParticipant, refused.Result.Code);
        Assert.True((await _duels.AcceptAsync(duel.Id, bob)).Ok);
        Assert.Equal(DuelPhase.AwaitingChoices, _board.Find(duel.Id)!.Phase);
    }

    [Fact]
    public async Task A_coin_flip_is_decided_by_a_random_draw_recorded_in_the_accept_command()
    {
        var alice = await StudentAsync("alice");
        var bob = await StudentAsync("bob");
        var challengerWins = 0;
        const int Flips = 64;
        for (var k = 0; k < Flips; k++)
        {
            var created = await _duels.ChallengeAsync(alice, null, 1, DuelGame.CoinFlip);
            Assert.True(created.Ok);
            var accepted = await _duels.AcceptAsync(created.Result.Id, bob);
            Assert.True(accepted.Ok);
            var done = _board.Find(created.Result.Id)!;
            Assert.Equal(DuelPhase.Resolved, done.Phase);
            var draw = _journal.Commands.OfType<AcceptDuel>().Single(c => c.DuelId == created.Result.Id).RandomDraw;
            Assert.InRange(draw, 0, 1);
            Assert.Equal(draw == 0 ? alice : bob, done.WinnerId); // replaying the journal decides it the same way
            if (done.WinnerId == alice) challengerWins++;
        }
        // A fair coin: all 64 flips landing the same way has a chance of 2^-63.
        Assert.InRange(challengerWins, 1, Flips - 1);
        Assert.Equal(2_000, _market.Account(alice)!.Points + _market.Account(bob)!.Points);
    }

    [Fact]
    public async Task Opponent_suggestions_are_other_students_with_names_starting_with_the_text_first()
    {
        var alice = await StudentAsync("alice");
        await StudentAsync("Malia");
        await StudentAsync("Alina");
        await _exchange.SubmitAsync(new OpenAccount("ali-house", AccountKind.House));

        Assert.Equal(["Alina", "Malia"], _duels.SuggestOpponents("ali", alice));
        Assert.Empty(_duels.SuggestOpponents("  ", alice));
    }
}
