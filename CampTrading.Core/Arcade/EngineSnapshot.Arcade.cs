namespace CampTrading.Core.Engine;

public sealed partial record EngineSnapshot
{
    /// <summary>Every arcade machine, by id, with the transactions it completed.</summary>
    public IReadOnlyList<ArcadeMachineState> ArcadeMachines { get; init; } = [];
    public long NextArcadeTransactionId { get; init; } = 1;

    public sealed record ArcadeMachineState(int Id, string Name, string KeyHash, bool Revoked, long CreatedAt, string CreatedBy,
        ArcadeTransactionState[] Transactions);

    /// <summary>A completed transaction and what it answered (BalanceAfter), so a retry gets the same result.</summary>
    public sealed record ArcadeTransactionState(long Id, string ClientTransactionId, int AccountId, long Amount, string Game, long BalanceAfter);
}
