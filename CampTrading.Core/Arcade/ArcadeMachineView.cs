namespace CampTrading.Core.Engine;

/// <summary>A read-only copy of one arcade machine (taken on the engine thread). KeyHash is for the authenticating service only.</summary>
public sealed record ArcadeMachineView(int Id, string Name, string KeyHash, bool Revoked, int Transactions, DateTimeOffset CreatedAt, string CreatedBy);
