using CampTrading.ComponentTests.Support;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Board;
using CampTrading.Web.Leaderboards;

namespace CampTrading.ComponentTests.Leaderboards;

public sealed class RankingTests : CampComponentTest
{
    private static LeaderboardEntry Entry(int rank, int id, string name, long points, string? team = "Red") => new(rank, id, name, team, points, 0, 0);

    // Equal net worths share a rank (1, 2, 2, 4): the leaderboard ranks, the table shows it as given.
    private static readonly LeaderboardEntry[] Tied =
    [
        Entry(1, 101, "Ann", 12_000), Entry(2, 102, "Ben", 11_000, "Blue"), Entry(2, 103, "Cai", 11_000), Entry(4, 104, "Dee", 9_000, null),
    ];

    [Fact]
    public void The_students_own_row_is_marked_and_highlighted_and_only_it()
    {
        var table = Render<IndividualRanking>(p => p.Add(r => r.Entries, Tied).Add(r => r.MyAccountId, 103));

        var mine = table.Find("[data-testid=my-row]");
        Assert.Contains("Cai", mine.TextContent);
        Assert.Contains("你", mine.TextContent);
        Assert.Equal("true", mine.GetAttribute("aria-current"));
        Assert.Contains("me", mine.ClassList);
        Assert.Equal(3, table.FindAll("[data-testid=rank-row]").Count);
        Assert.All(table.FindAll("[data-testid=rank-row]"), r => Assert.Null(r.GetAttribute("aria-current")));
    }

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips()
    {
        var table = Render<IndividualRanking>(p => p.Add(r => r.Entries, Tied));

        Assert.Equal(["1", "2", "2", "4"], table.FindAll("tr .rank").Select(r => r.TextContent));
        Assert.Equal(["12,000", "11,000", "11,000", "9,000"], table.FindAll("tr .worth").Select(r => r.TextContent));
        Assert.Contains("gold", table.FindAll("tr .rank")[0].ClassList);
        Assert.Contains("silver", table.FindAll("tr .rank")[2].ClassList);
        Assert.Empty(table.FindAll("[data-testid=my-row]"));
    }

    [Fact]
    public void Only_the_top_rows_are_listed_and_it_says_so()
    {
        var many = Enumerable.Range(1, 12).Select(i => Entry(i, 100 + i, $"S{i}", 1_000 - i)).ToArray();
        var table = Render<IndividualRanking>(p => p.Add(r => r.Entries, many).Add(r => r.Shown, 10).Add(r => r.MyAccountId, 112));

        Assert.Equal(10, table.FindAll("tbody tr").Count);
        Assert.Empty(table.FindAll("[data-testid=my-row]")); // below the top: the page's pinned bar tells her rank
        Assert.Contains("10", table.Find("[data-testid=showing-top]").TextContent);
    }

    [Fact]
    public void Nobody_ranked_yet_says_so()
    {
        var table = Render<IndividualRanking>(p => p.Add(r => r.Entries, Array.Empty<LeaderboardEntry>()));

        Assert.Equal("還沒有人上榜", table.Find("[data-testid=ranking-empty]").TextContent);
    }

    [Fact]
    public void The_students_team_is_marked_whatever_its_case_and_shows_its_multiplier()
    {
        TeamStanding[] teams = [new(1, "Red", 3, 30_000, 150, 45_000), new(2, "Blue", 2, 20_000, 100, 20_000)];
        var table = Render<TeamRanking>(p => p.Add(r => r.Teams, teams).Add(r => r.MyTeam, "blue"));

        var mine = table.Find("[data-testid=my-team-row]");
        Assert.Contains("Blue", mine.TextContent);
        Assert.Contains("你的小隊", mine.TextContent);
        var red = table.Find("[data-testid=team-row]");
        Assert.Contains("×1.5", red.TextContent);
        Assert.Contains("45,000", red.TextContent);
    }
}
