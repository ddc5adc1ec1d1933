using CampTrading.ComponentTests.Support;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Staff.Records;

namespace CampTrading.ComponentTests.Records;

public sealed class RankingTablesTests : CampComponentTest
{
    internal static LeaderboardEntry Entry(int rank, int id, string name, long points, string? team = "Red") => new(rank, id, name, team, points, 0, 0);

    // Equal net worths and scores share a rank (1, 2, 2, 4): the leaderboard ranks, the tables show it as given.
    internal static readonly LeaderboardView Tied = new(7,
        [Entry(1, 101, "Ann", 12_000), Entry(2, 102, "Ben", 11_000, "Blue"), Entry(2, 103, "Cai", 11_000), Entry(4, 104, "Dee", 9_000, null)],
        [new TeamStanding(1, "Red", 2, 23_000, 100, 23_000), new TeamStanding(1, "Blue", 2, 23_000, 100, 23_000), new TeamStanding(3, "Green", 1, 5_000, 120, 6_000)]);

    [Fact]
    public void Ties_share_a_rank_and_its_medal_and_the_next_rank_skips()
    {
        var cut = Render<RankingTables>(p => p.Add(r => r.Rankings, Tied));

        var ranks = cut.FindAll("[data-testid=ranking-individual] .rank");
        Assert.Equal(["1", "2", "2", "4"], ranks.Select(r => r.TextContent.Trim()));
        Assert.Equal(["gold", "silver", "silver", null], ranks.Select(r => r.QuerySelector(".medal")?.GetAttribute("data-medal")));
        Assert.Equal([true, false, false, false], ranks.Select(r => r.ClassList.Contains("gold")));
        Assert.Equal([false, true, true, false], ranks.Select(r => r.ClassList.Contains("silver")));
        Assert.Equal(["12,000", "11,000", "11,000", "9,000"], cut.FindAll("[data-testid=ranking-net-worth]").Select(c => c.TextContent));

        var teams = cut.FindAll("[data-testid=ranking-team] .rank");
        Assert.Equal(["gold", "gold", "bronze"], teams.Select(t => t.ClassList.Single(c => c is "gold" or "silver" or "bronze")));
    }

    [Fact]
    public void Only_the_top_hundred_are_listed_and_it_says_so_and_no_teams_says_so()
    {
        var many = Enumerable.Range(1, 130).Select(i => Entry(i, 1_000 + i, $"S{i}", 100_000 - i)).ToArray();
        var cut = Render<RankingTables>(p => p.Add(r => r.Rankings, new LeaderboardView(1, many, [])));

        Assert.Equal(RankingTables.Shown, cut.FindAll("[data-testid=ranking-individual]").Count);
        Assert.Contains("top 100 shown", cut.Find("[data-testid=rankings-count]").TextContent, StringComparison.Ordinal);
        Assert.Contains("No teams", cut.Find("[data-testid=rankings-no-teams]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=ranking-team]"));
    }
}
