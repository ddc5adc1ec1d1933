namespace CampTrading.Web.Leaderboards;

/// <summary>Text of the leaderboard page: <c>IStringLocalizer&lt;LeaderboardText&gt;</c>.</summary>
public sealed class LeaderboardText;
