namespace CampTrading.Core.Engine;

/// <summary>An arcade machine; its API key is verified outside the engine against KeyHash.</summary>
public sealed record RegisterArcadeMachine(string Name, string KeyHash, string Actor) : Command;

public sealed record RevokeArcadeMachine(int MachineId, string Actor) : Command;

/// <summary>Negative Amount charges a play, positive pays a prize. Exactly once per (machine, client transaction id).</summary>
public sealed record ArcadeTransaction(int MachineId, string ClientTransactionId, int AccountId, long Amount, string Game) : Command;
