namespace CampTrading.Core.Engine;

/// <summary>An unfinished duel, owned by the engine thread. Stakes are held as reservations on the players' points.</summary>
internal sealed class Duel
{
    public long Id { get; init; }
    public int ChallengerId { get; init; }
    /// <summary>The only account that may accept, or null for anyone.</summary>
    public int? OpponentId { get; init; }
    /// <summary>Who accepted; 0 while open.</summary>
    public int AccepterId { get; set; }
    public long Stake { get; init; }
    public DuelGame Game { get; init; }
    public DuelState State { get; set; }
    /// <summary>How long each phase (waiting for an opponent, then for the choices) may last, in ticks.</summary>
    public long Window { get; init; }
    public long ExpiresAt { get; set; }
    public DuelChoice? ChallengerChoice { get; set; }
    public DuelChoice? AccepterChoice { get; set; }

    public bool IsParticipant(int accountId) => accountId == ChallengerId || (AccepterId != 0 && accountId == AccepterId);

    /// <summary>The players whose stakes are reserved now.</summary>
    public IEnumerable<int> Holders()
    {
        yield return ChallengerId;
        if (AccepterId != 0) yield return AccepterId;
    }
}

/// <summary>A duel as the UI and bot see it. Choices are never shown before the duel is decided.</summary>
public sealed record DuelView(long Id, int ChallengerId, int? OpponentId, int AccepterId, long Stake, DuelGame Game,
    DuelState State, DateTimeOffset ExpiresAt, bool ChallengerChose, bool AccepterChose);
