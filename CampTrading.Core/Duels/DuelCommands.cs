using System.Text.Json.Serialization;

namespace CampTrading.Core.Engine;

public enum DuelGame : byte { RockPaperScissors = 0, CoinFlip = 1 }

public enum DuelChoice : byte { Rock = 0, Paper = 1, Scissors = 2 }

/// <summary>
/// Challenges a named opponent, or anyone when OpponentId is null. The stake is reserved now.
/// The challenge expires <see cref="ExpiresIn"/> (default <see cref="DefaultExpiry"/>) after the command;
/// acceptance restarts that window for the choosing.
/// </summary>
public sealed record CreateDuel(int ChallengerId, int? OpponentId, long Stake, DuelGame Game, TimeSpan? ExpiresIn = null) : Command
{
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(1);
    /// <summary>The largest stake one duel may carry (keeps every sum far from overflow).</summary>
    public const long MaxStake = 1_000_000_000_000;

    /// <summary>Optional one-use request key (see <see cref="RequestKeys"/>): a second command with the same key from the same account does nothing and answers the first result.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestKey { get; init; }

    public const int MaxRequestKeyLength = RequestKeys.MaxLength;
}

/// <summary>
/// RandomDraw comes from a cryptographic source outside the engine (coin flip), so replay stays deterministic:
/// an even draw makes the challenger win, an odd one the accepter. Rock-paper-scissors ignores it.
/// </summary>
public sealed record AcceptDuel(long DuelId, int AccountId, int RandomDraw) : Command;

/// <summary>A participant's hidden choice in an accepted rock-paper-scissors duel; revealed only once both chose.</summary>
public sealed record ChooseDuel(long DuelId, int AccountId, DuelChoice Choice) : Command;

/// <summary>By the challenger before acceptance, or by staff (Actor set) at any time; reserved stakes are refunded.</summary>
public sealed record CancelDuel(long DuelId, int AccountId, string? Actor = null) : Command;

/// <summary>A duel's state, carried as the Code of <see cref="EventKind.DuelChanged"/> events.</summary>
public enum DuelState : byte
{
    /// <summary>Created; the challenger's stake is reserved; waiting for an opponent.</summary>
    Open = 0,
    /// <summary>Accepted; both stakes reserved; waiting for both hidden choices (rock-paper-scissors).</summary>
    Accepted = 1,
    /// <summary>One participant chose (which one is in the event, what is not).</summary>
    Chosen = 2,
    ChallengerWon = 3,
    AccepterWon = 4,
    /// <summary>Both chose the same: both stakes refunded.</summary>
    Tie = 5,
    Cancelled = 6,
    Expired = 7,
}
