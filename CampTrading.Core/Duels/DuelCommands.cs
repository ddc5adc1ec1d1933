namespace CampTrading.Core.Engine;

public enum DuelGame : byte { RockPaperScissors = 0, CoinFlip = 1 }

public enum DuelChoice : byte { Rock = 0, Paper = 1, Scissors = 2 }

/// <summary>Challenges a named opponent, or anyone when OpponentId is null. The stake is reserved now.</summary>
public sealed record CreateDuel(int ChallengerId, int? OpponentId, long Stake, DuelGame Game, TimeSpan? ExpiresIn = null) : Command;

/// <summary>RandomDraw comes from a cryptographic source outside the engine (coin flip), so replay stays deterministic.</summary>
public sealed record AcceptDuel(long DuelId, int AccountId, int RandomDraw) : Command;

public sealed record ChooseDuel(long DuelId, int AccountId, DuelChoice Choice) : Command;

/// <summary>By the challenger before acceptance, or by staff (Actor set) at any time; reserved stakes are refunded.</summary>
public sealed record CancelDuel(long DuelId, int AccountId, string? Actor = null) : Command;
