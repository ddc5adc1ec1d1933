namespace CampTrading.Core.Engine;

/// <summary>An arcade machine; its API key is verified outside the engine against KeyHash. Result Id = machine id.</summary>
public sealed record RegisterArcadeMachine(string Name, string KeyHash, string Actor) : Command
{
    public const int MaxNameLength = 80;
    public const int MaxHashLength = 512;
}

public sealed record RevokeArcadeMachine(int MachineId, string Actor) : Command;

/// <summary>
/// Negative Amount charges a play, positive pays a prize. Exactly once per (machine, client transaction id):
/// a retry with the same details returns the first result; the same id with other details is a conflict.
/// </summary>
public sealed record ArcadeTransaction(int MachineId, string ClientTransactionId, int AccountId, long Amount, string Game) : Command
{
    public const long MaxAmount = 1_000_000;
    public const int MaxIdLength = 100;
    public const int MaxGameLength = 80;
}
