namespace CampTrading.Core.Engine;

public sealed partial record EngineSnapshot
{
    public long NextDuelId { get; init; } = 1;

    /// <summary>Unfinished duels (open or accepted) in id order; finished ones live on only in events and the ledger.</summary>
    public IReadOnlyList<DuelRecord> Duels { get; init; } = [];

    public sealed record DuelRecord(
        long Id, int ChallengerId, int? OpponentId, int AccepterId, long Stake, DuelGame Game, DuelState State,
        long Window, long ExpiresAt, DuelChoice? ChallengerChoice, DuelChoice? AccepterChoice);
}
