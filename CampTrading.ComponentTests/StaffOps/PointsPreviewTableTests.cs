using CampTrading.ComponentTests.Support;
using CampTrading.Web.Points;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class PointsPreviewTableTests : CampComponentTest
{
    [Fact]
    public void A_grant_lists_everyone_before_and_after_with_the_total()
    {
        var preview = new PointsPreview(500, [
            new PointsPreviewRow(1, "王小明", "橘隊 Orange", 0, 500, 0, 0),
            new PointsPreviewRow(2, "陳美玲", "橘隊 Orange", 1_200, 1_700, 0, 0),
        ]);

        var cut = Render<PointsPreviewTable>(p => p.Add(x => x.Preview, preview));

        Assert.Contains("2 affected", cut.Find("[data-testid=preview-affected]").TextContent);
        Assert.Equal("+1,000", cut.Find("[data-testid=preview-change]").TextContent);
        var rows = cut.FindAll("[data-testid=preview-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("1,200 → 1,700", rows[1].TextContent);
        Assert.Empty(cut.FindAll("[data-testid=preview-into-debt]"));
        Assert.Empty(cut.FindAll("[data-testid=preview-debt-flag]"));
    }

    [Fact]
    public void A_take_beyond_the_balance_flags_the_rows_that_go_into_debt()
    {
        var preview = new PointsPreview(-800, [
            new PointsPreviewRow(1, "王小明", "橘隊 Orange", 500, 0, 0, 300),
            new PointsPreviewRow(2, "陳美玲", "橘隊 Orange", 1_000, 200, 0, 0),
        ]);

        var cut = Render<PointsPreviewTable>(p => p.Add(x => x.Preview, preview));

        Assert.Equal("-1,300", cut.Find("[data-testid=preview-change]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=preview-debt-flag]"));
        Assert.Contains("1 人將欠款 go into debt (300)", cut.Find("[data-testid=preview-into-debt]").TextContent);
        Assert.Contains("into-debt", cut.FindAll("[data-testid=preview-row]")[0].ClassList);
        Assert.DoesNotContain("into-debt", cut.FindAll("[data-testid=preview-row]")[1].ClassList);
    }

    [Fact]
    public void A_preview_of_the_whole_camp_shows_the_first_rows_and_says_so()
    {
        var rows = Enumerable.Range(1, PointsPreviewTable.MaxRows + 5)
            .Select(i => new PointsPreviewRow(i, $"學員 {i}", "藍隊 Blue", 0, 10, 0, 0)).ToArray();

        var cut = Render<PointsPreviewTable>(p => p.Add(x => x.Preview, new PointsPreview(10, rows)));

        Assert.Equal(PointsPreviewTable.MaxRows, cut.FindAll("[data-testid=preview-row]").Count);
        Assert.Contains("Showing the first 200 of 205", cut.Find("[data-testid=preview-truncated]").TextContent);
        Assert.Contains("205 affected", cut.Find("[data-testid=preview-affected]").TextContent);
    }
}
