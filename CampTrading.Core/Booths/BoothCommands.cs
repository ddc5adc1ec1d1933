namespace CampTrading.Core.Engine;

/// <summary>A community booth; the secret is verified outside the engine against SecretHash. Result Id = booth id.</summary>
public sealed record CreateBooth(string Name, string SecretHash, string Actor, long Reward = CreateBooth.DefaultReward) : Command
{
    public const long DefaultReward = 1_000;
    public const long MaxReward = 1_000_000;
    public const int MaxNameLength = 80;
    public const int MaxHashLength = 512;
}

public sealed record ResetBoothSecret(int BoothId, string SecretHash, string Actor) : Command;

/// <summary>Pays the booth's reward to a student, once per student ACCOUNT per booth. Actor names the staff member at the booth.</summary>
public sealed record AwardBooth(int BoothId, int AccountId, string Actor) : Command;
