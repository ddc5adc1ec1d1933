using System.Text.RegularExpressions;

namespace CampTrading.Web.Components;

/// <summary>
/// A team's name as a label: "小隊 {0}" / "team {0}" around a bare name ("Red" → "小隊 Red"), but a name that already says it is a
/// team ("紅隊", "Red Team", "第3組") is shown as it is, never "小隊 紅隊 Red 隊".
/// </summary>
public static partial class TeamNames
{
    public static string Label(string team, Func<string, string> wrap) =>
        SaysTeam(team) ? team.Trim() : wrap(team.Trim());

    public static bool SaysTeam(string team) => team.Contains('隊') || team.Contains('組') || TeamWord().IsMatch(team);

    [GeneratedRegex(@"\b(team|squad|group)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TeamWord();
}
