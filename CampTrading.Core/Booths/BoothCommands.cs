namespace CampTrading.Core.Engine;

/// <summary>A community booth; the secret is verified outside the engine against SecretHash.</summary>
public sealed record CreateBooth(string Name, string SecretHash, long Reward, string Actor) : Command;

public sealed record ResetBoothSecret(int BoothId, string SecretHash, string Actor) : Command;

/// <summary>Pays the booth's reward to a student, once per student per booth.</summary>
public sealed record AwardBooth(int BoothId, int AccountId, string Actor) : Command;
