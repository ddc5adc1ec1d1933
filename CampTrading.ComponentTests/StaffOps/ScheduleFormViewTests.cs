using CampTrading.ComponentTests.Support;
using CampTrading.Web.Market;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class ScheduleFormViewTests : CampComponentTest
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
    private static readonly DateOnly Today = new(2030, 1, 15);

    private IRenderedComponent<ScheduleFormView> RenderRows(List<ScheduleRow> rows, Action<ScheduleCheck> onSave) =>
        Render<ScheduleFormView>(p => p.Add(x => x.Rows, rows).Add(x => x.TimeZone, Taipei).Add(x => x.Today, Today).Add(x => x.OnSave, onSave));

    [Fact]
    public async Task A_row_that_closes_before_it_opens_is_refused_with_its_row()
    {
        ScheduleCheck? saved = null;
        var cut = RenderRows([], c => saved = c);

        await cut.Find("[data-testid=schedule-add]").ClickAsync(new());
        await cut.Find("input[data-testid=schedule-opens]").ChangeAsync(new() { Value = "13:00" });
        await cut.Find("input[data-testid=schedule-closes]").ChangeAsync(new() { Value = "12:00" });
        await cut.Find("[data-testid=schedule-save]").ClickAsync(new());

        Assert.Null(saved);
        var errors = cut.Find("[data-testid=schedule-outcome-errors]").TextContent;
        Assert.Contains("Row 1", errors);
        Assert.Contains("Closing time must be after opening time", errors);
    }

    [Fact]
    public async Task Overlapping_rows_are_refused()
    {
        ScheduleCheck? saved = null;
        var rows = new List<ScheduleRow>
        {
            new() { Day = Today, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(12, 0) },
            new() { Day = Today, Opens = new TimeOnly(11, 0), Closes = new TimeOnly(14, 0) },
        };
        var cut = RenderRows(rows, c => saved = c);

        await cut.Find("[data-testid=schedule-save]").ClickAsync(new());

        Assert.Null(saved);
        Assert.Contains("Rows 1 and 2 overlap", cut.Find("[data-testid=schedule-outcome-errors]").TextContent);
    }

    [Fact]
    public async Task Add_repeats_the_last_row_on_the_next_day_and_valid_rows_are_saved_as_instants()
    {
        ScheduleCheck? saved = null;
        var rows = new List<ScheduleRow> { new() { Day = Today, Opens = new TimeOnly(13, 0), Closes = new TimeOnly(16, 30) } };
        var cut = RenderRows(rows, c => saved = c);

        await cut.Find("[data-testid=schedule-add]").ClickAsync(new());

        var days = cut.FindAll("input[data-testid=schedule-day]");
        Assert.Equal(2, days.Count);
        Assert.Equal("2030-01-16", days[1].GetAttribute("value"));
        await cut.Find("[data-testid=schedule-save]").ClickAsync(new());
        Assert.NotNull(saved);
        Assert.Equal(2, saved.Intervals.Count);
        Assert.Equal(new DateTimeOffset(2030, 1, 15, 5, 0, 0, TimeSpan.Zero), saved.Intervals[0].Start); // 13:00 in Taipei (UTC+8)
    }

    [Fact]
    public async Task Removing_the_last_row_shows_that_only_overrides_open_the_market()
    {
        var rows = new List<ScheduleRow> { new() { Day = Today, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(12, 0) } };
        var cut = RenderRows(rows, _ => { });
        Assert.Empty(cut.FindAll("[data-testid=schedule-empty]"));

        await cut.Find("[data-testid=schedule-remove]").ClickAsync(new());

        Assert.Empty(rows);
        Assert.NotEmpty(cut.FindAll("[data-testid=schedule-empty]"));
    }
}
