using CampTrading.ComponentTests.Support;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Roster;

namespace CampTrading.ComponentTests.Roster;

public sealed class TeamStandingsListTests : CampComponentTest
{
    private static readonly LeaderboardView View = new(9,
        [
            new LeaderboardEntry(1, 11, "陳美玲", "橘隊 Orange", 1_500, 2_000, 0),
            new LeaderboardEntry(2, 12, "Kim", "紫隊 Purple", 1_000, 0, 0),
            new LeaderboardEntry(3, 13, "王小明", "橘隊 orange", 0, 0, 300),
        ],
        [
            new TeamStanding(1, "橘隊 Orange", 2, 3_200, 150, 4_800),
            new TeamStanding(2, "紫隊 Purple", 1, 1_000, 100, 1_000),
        ]);

    [Fact]
    public void Each_team_shows_its_standing_and_its_members_linked_to_their_detail_page()
    {
        var cut = Render<TeamStandingsList>(ps => ps.Add(c => c.View, View));

        var orange = cut.Find("[data-testid=team-row][data-team='橘隊 Orange']");
        Assert.Equal("3,200", orange.QuerySelector("[data-testid=team-networth]")!.TextContent);
        Assert.Equal("4,800", orange.QuerySelector("[data-testid=team-score]")!.TextContent);
        Assert.Equal(2, orange.QuerySelectorAll("[data-testid=team-member]").Length); // team names compare case-insensitively
        Assert.Equal("/staff/students/13", orange.QuerySelectorAll("[data-testid=team-member-link]")[1].GetAttribute("href"));
        Assert.Single(cut.Find("[data-testid=team-row][data-team='紫隊 Purple']").QuerySelectorAll("[data-testid=team-member]"));
    }

    [Fact]
    public void No_teams_says_so() =>
        Assert.Contains("No teams yet.", Render<TeamStandingsList>(ps => ps.Add(c => c.View, new LeaderboardView(0, [], []))).Markup, StringComparison.Ordinal);
}
