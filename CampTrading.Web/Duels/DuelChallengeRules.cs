using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Duels;

/// <summary>What the challenge form checks before a challenge goes to the engine, and how a duel card reads its state.</summary>
public static class DuelChallengeRules
{
    /// <summary>The stake shortcuts under the stake field.</summary>
    public static IReadOnlyList<long> Presets { get; } = [10, 50, 100, 500];

    public const int MaxOpponentLength = 60;

    /// <summary>The DuelText key of what is wrong with the stake, or null when it may be sent.</summary>
    public static string? StakeProblem(long stake, long availablePoints) =>
        stake < 1 ? "StakeTooSmall" : stake > availablePoints ? "StakeTooLarge" : null;

    /// <summary>The DuelText key of what is wrong with the opponent's name, or null (blank challenges the room).</summary>
    public static string? OpponentProblem(string? opponent) =>
        (opponent?.Trim().Length ?? 0) > MaxOpponentLength ? "OpponentTooLong" : null;

    /// <summary>The MudBlazor colour of a duel's state chip.</summary>
    public static MudBlazor.Color PhaseColor(DuelItem duel, int accountId) => duel.Phase switch
    {
        DuelPhase.Open => MudBlazor.Color.Info,
        DuelPhase.AwaitingChoices => MudBlazor.Color.Warning,
        DuelPhase.Resolved when duel.WinnerId == 0 => MudBlazor.Color.Default,
        DuelPhase.Resolved when duel.WinnerId == accountId => MudBlazor.Color.Error, // red: up, the stake won
        DuelPhase.Resolved => MudBlazor.Color.Success, // green: down, the stake lost
        _ => MudBlazor.Color.Default,
    };
}
