namespace CampTrading.Core.Engine;

/// <summary>A read-only copy of one booth (taken on the engine thread). SecretHash is for the verifying service only.</summary>
public sealed record BoothView(int Id, string Name, string SecretHash, long Reward, int Awards, DateTimeOffset CreatedAt, string CreatedBy);
