using System.Text.RegularExpressions;
using static CampTrading.Web.Telegram.Language.ChatPatterns;

namespace CampTrading.Web.Telegram.Language;

/// <summary>Rock-paper-scissors challenges: a stake is required, an opponent is optional (none = anyone). The first pattern
/// that matches wins.</summary>
internal static class DuelMatcher
{
    private const string Game = "(?:猜拳|剪刀石頭布|決鬥|挑戰|pvp|duel|rps|challenge)";
    private const string With = "(?:跟|和|與|對|找|with|vs|against)";

    private static readonly Regex[] Patterns =
    [
        // 猜拳 50 點 · pvp 50
        Build($@"^{Game}\s*{Amount}{PointsUnit}$"),
        // pvp 50 with alice · 猜拳 50 點 跟 bob
        Build($@"^{Game}\s*{Amount}{PointsUnit}\s*{With}\s*{PersonAtEnd}$"),
        // 猜拳 跟 alice 50 點 · duel with bob for 50
        Build($@"^{Game}\s*{With}\s*{Person}\s*(?:for\s+)?{Amount}{PointsUnit}$"),
        // 跟 alice 猜拳 50 點 · with bob pvp 20
        Build($@"^{With}\s*{Person}\s*{Game}\s*{Amount}{PointsUnit}$"),
        // pvp alice 50 · challenge bob for 30 · 挑戰 王小明 20 點
        Build($@"^{Game}\s*{Person}\s*(?:for\s+)?{Amount}{PointsUnit}$"),
    ];

    public static DuelIntent? Match(string text)
    {
        foreach (var pattern in Patterns)
        {
            var match = pattern.Match(text);
            if (!match.Success) continue;
            var stake = PointsOrNull(match.Groups["amount"].Value);
            var opponentGroup = match.Groups["person"];
            var opponent = opponentGroup.Success ? PersonOrNull(opponentGroup.Value) : null;
            if (stake is not { } points || (opponentGroup.Success && opponent is null)) return null;
            return new DuelIntent(points, opponent);
        }
        return null;
    }

    private static Regex Build(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(200));
}
