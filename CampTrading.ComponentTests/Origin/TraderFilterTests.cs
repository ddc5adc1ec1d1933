using CampTrading.ComponentTests.Support;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Leaderboards;

namespace CampTrading.ComponentTests.Origin;

/// <summary>The leaderboard's All / People / Bots filter and the bot mark (docs/decisions/0020-order-origin.md).</summary>
public sealed class TraderFilterTests : CampComponentTest
{
    private static LeaderboardEntry Entry(int rank, int id, string name, long worth, bool bot) => new(rank, id, name, null, worth, 0, 0, bot);

    private static readonly LeaderboardView Board = new(3,
        [Entry(1, 101, "AlgoAnn", 12_000, true), Entry(2, 102, "Ben", 11_000, false), Entry(3, 103, "Cai", 9_000, false), Entry(4, 104, "DeeBot", 8_000, true)],
        []);

    private static string[] Names(Bunit.IRenderedComponent<IndividualStandings> cut) =>
        cut.FindAll("tbody tr strong").Select(s => s.TextContent).ToArray();

    [Fact]
    public void All_lists_everyone_and_marks_only_the_bots()
    {
        var cut = Render<IndividualStandings>(p => p.Add(s => s.View, Board));

        Assert.Equal(["AlgoAnn", "Ben", "Cai", "DeeBot"], Names(cut));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal([true, false, false, true], rows.Select(r => r.QuerySelector("[data-testid=bot-mark]") is not null));
        Assert.Contains("機器人", cut.Find("[data-testid=bot-mark]").TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-chip-selected", cut.Find("[data-testid=trader-filter-all]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void People_and_bots_each_show_their_own_ranking_from_one()
    {
        TraderFilter? told = null;
        var cut = Render<IndividualStandings>(p => p.Add(s => s.View, Board).Add(s => s.MyAccountId, 103)
            .Add(s => s.FilterChanged, (TraderFilter f) => told = f));

        cut.Find("[data-testid=trader-filter-people]").Click();

        Assert.Equal(TraderFilter.People, told);
        Assert.Equal(["Ben", "Cai"], Names(cut));
        Assert.Equal(["1", "2"], cut.FindAll("tbody tr .rank").Select(r => r.TextContent));
        Assert.Contains("Cai", cut.Find("[data-testid=my-row]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=bot-mark]"));

        cut.Find("[data-testid=trader-filter-bots]").Click();

        Assert.Equal(TraderFilter.Bots, told);
        Assert.Equal(["AlgoAnn", "DeeBot"], Names(cut));
        Assert.Equal(["1", "2"], cut.FindAll("tbody tr .rank").Select(r => r.TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid=bot-mark]").Count);
        Assert.Empty(cut.FindAll("[data-testid=my-row]"));
    }

    [Fact]
    public void No_bots_today_says_nobody_is_ranked()
    {
        var people = new LeaderboardView(1, [Entry(1, 1, "Ann", 10, false)], []);
        var cut = Render<IndividualStandings>(p => p.Add(s => s.View, people).Add(s => s.Filter, TraderFilter.Bots));

        Assert.Equal("還沒有人上榜", cut.Find("[data-testid=ranking-empty]").TextContent);
    }
}

/// <summary>The filter speaks English too.</summary>
public sealed class TraderFilterEnglishTests() : CampComponentTest("en")
{
    [Fact]
    public void The_chips_and_the_mark_are_in_english()
    {
        var cut = Render<IndividualStandings>(p => p.Add(s => s.View, new LeaderboardView(1, [new LeaderboardEntry(1, 1, "Ann", null, 10, 0, 0, true)], [])));

        Assert.Equal(["All", "People", "Bots"], cut.FindAll("[data-testid^=trader-filter-]").Select(c => c.TextContent.Trim()));
        Assert.Contains("bot", cut.Find("[data-testid=bot-mark]").TextContent, StringComparison.Ordinal);
    }
}
