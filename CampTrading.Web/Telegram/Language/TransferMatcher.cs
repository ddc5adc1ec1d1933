using System.Text.RegularExpressions;
using static CampTrading.Web.Telegram.Language.ChatPatterns;

namespace CampTrading.Web.Telegram.Language;

/// <summary>Sending points to a person. An amount and a recipient are both required; the first pattern that matches wins.</summary>
internal static class TransferMatcher
{
    private const string ZhVerb = "(?:轉帳|轉點|轉|匯款|匯|送|付)";
    private const string EnVerb = "(?:transfer|send|give|pay)";

    private static readonly Regex[] Patterns =
    [
        // 轉 100 點給 王小明 · 轉帳 100 到 bob
        Build($@"^{ZhVerb}\s*{Amount}{PointsUnit}\s*(?:給|到)\s*{PersonAtEnd}$"),
        // 給 @alice 50 點 · 轉給 王小明 100 點 · 轉帳給bob 20
        Build($@"^{ZhVerb}?\s*給\s*{Person}\s*{Amount}{PointsUnit}$"),
        // 送 bob 20 點 · 轉帳 bob 100
        Build($@"^{ZhVerb}\s*{Person}\s*{Amount}{PointsUnit}$"),
        // transfer 100 to alice · send 20 points to bob
        Build($@"^{EnVerb}\s+{Amount}{PointsUnit}\s+to\s+{PersonAtEnd}$"),
        // send bob 20 points · transfer to alice 100
        Build($@"^{EnVerb}\s+(?:to\s+)?{Person}\s+{Amount}{PointsUnit}$"),
    ];

    public static TransferIntent? Match(string text)
    {
        foreach (var pattern in Patterns)
        {
            var match = pattern.Match(text);
            if (!match.Success) continue;
            var amount = PointsOrNull(match.Groups["amount"].Value);
            var person = PersonOrNull(match.Groups["person"].Value);
            return amount is { } points && person is not null ? new TransferIntent(points, person) : null;
        }
        return null;
    }

    private static Regex Build(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(200));
}
