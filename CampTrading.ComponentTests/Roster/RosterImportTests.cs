using System.Text;
using CampTrading.ComponentTests.Support;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.Components.Forms;

namespace CampTrading.ComponentTests.Roster;

public sealed class RosterImportTests : CampComponentTest
{
    private readonly List<(string Text, string Source)> _handed = [];

    private IRenderedComponent<RosterImportForm> RenderForm() =>
        Render<RosterImportForm>(ps => ps.Add(c => c.OnCsv, input => _handed.Add((Encoding.UTF8.GetString(input.Csv), input.Source))));

    [Fact]
    public async Task Previewing_an_empty_paste_says_what_is_missing_and_hands_nothing_over()
    {
        var cut = RenderForm();

        await cut.Find("[data-testid=roster-preview]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Paste the CSV, or choose a file.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(_handed);
    }

    [Fact]
    public async Task Pasted_csv_is_handed_over_as_utf8_and_named_pasted()
    {
        var cut = RenderForm();

        cut.Find("[data-testid=roster-text]").Input("id,name,team\nS1,王小明,紅隊\n");
        await cut.Find("[data-testid=roster-preview]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal([("id,name,team\nS1,王小明,紅隊\n", "pasted")], _handed));
    }

    [Fact]
    public void A_chosen_file_is_handed_over_with_its_name()
    {
        var cut = RenderForm();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("id,name,team\nS1,Ann,Red\n", "camp.csv"));

        cut.WaitForAssertion(() => Assert.Equal([("id,name,team\nS1,Ann,Red\n", "camp.csv")], _handed));
        Assert.Equal("camp.csv", cut.Find("[data-testid=roster-file-name]").TextContent);
    }

    [Fact]
    public void A_paste_larger_than_the_file_limit_is_refused()
    {
        Assert.Null(RosterImportForm.ValidateText("id,name,team"));
        Assert.Equal(RosterImportForm.TooLarge, RosterImportForm.ValidateText(new string('x', (int)RosterCsv.MaxBytes + 1)));
        Assert.NotNull(RosterImportForm.ValidateText("   "));
    }

    [Fact]
    public void The_result_says_plainly_what_happened()
    {
        var text = RosterImportResult.Summary(new RosterApplyResult(6, 1, 0, 1, [], [new RosterSkip(5, "缺少姓名 missing name")]));

        Assert.Equal("已建立 6 位新學員、更新 1 位、略過 1 列。 6 new students created, 1 updated, 1 skipped: line 5, 缺少姓名 missing name.", text);
        Assert.Equal("已建立 1 位新學員。 1 new student created.", RosterImportResult.Summary(new RosterApplyResult(1, 0, 0, 0, [])));
        Assert.Contains("0 new students created, 2 unchanged, 1 failed: line 4: InvalidTeam.",
            RosterImportResult.Summary(new RosterApplyResult(0, 0, 2, 0, ["line 4: InvalidTeam"])), StringComparison.Ordinal);
    }

    [Fact]
    public void After_an_import_new_students_are_told_they_start_at_zero_and_every_row_is_tucked_away()
    {
        var preview = new RosterPreview([new RosterPreviewRow(new RosterRow(2, "S1", "Ann", "Red", null, []), RosterChange.Unchanged, null)], []);
        var cut = Render<RosterImportResult>(ps => ps.Add(c => c.Preview, preview).Add(c => c.Applied, new RosterApplyResult(1, 0, 0, 0, [])));

        Assert.Contains("start with 0 points", cut.Find("[data-testid=roster-zero-points]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/staff/points", cut.Find("[data-testid=roster-grant-link]").GetAttribute("href"));
        var details = cut.Find("details[data-testid=roster-details]");
        Assert.False(details.HasAttribute("open")); // the table of unchanged rows is collapsed, not the result
        Assert.NotNull(details.QuerySelector("[data-testid=roster-preview-table]"));
        Assert.Contains("mud-alert-text-success", cut.Find("[data-testid=roster-applied]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_created_says_nothing_about_starting_points()
    {
        var preview = new RosterPreview([new RosterPreviewRow(new RosterRow(2, "S1", "Ann", "Red", null, []), RosterChange.Unchanged, null)], []);
        var cut = Render<RosterImportResult>(ps => ps.Add(c => c.Preview, preview).Add(c => c.Applied, new RosterApplyResult(0, 0, 1, 0, [])));

        Assert.Empty(cut.FindAll("[data-testid=roster-zero-points]"));
    }

    [Fact]
    public void The_form_explains_the_format_with_a_small_example_before_the_upload()
    {
        var cut = RenderForm();

        var format = cut.Find("[data-testid=roster-format]");
        Assert.Contains("學號", format.TextContent, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", format.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("學號,姓名,隊伍\nS001,王小明,紅隊", cut.Find("[data-testid=roster-example]").TextContent.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(format.CompareDocumentPosition(cut.Find("[data-testid=roster-choose]")).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
    }

    [Fact]
    public void Rows_not_imported_are_listed_with_their_reasons()
    {
        var preview = new RosterPreview(
        [
            new RosterPreviewRow(new RosterRow(2, "S1", "Ann", "Red", null, []), RosterChange.Unchanged, null),
            new RosterPreviewRow(new RosterRow(3, "", "Nobody", "Red", null, ["missing id"]), RosterChange.Invalid, null),
        ], []);
        var cut = Render<RosterImportResult>(ps => ps
            .Add(c => c.Preview, preview)
            .Add(c => c.Applied, new RosterApplyResult(0, 0, 1, 1, ["line 4: InvalidTeam"])));

        Assert.Contains("mud-alert-text-warning", cut.Find("[data-testid=roster-applied]").ClassName, StringComparison.Ordinal);
        var failed = cut.FindAll("[data-testid=roster-failed-row]");
        Assert.Equal(2, failed.Count);
        Assert.Contains("missing id", failed[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("line 4: InvalidTeam", failed[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("1", cut.Find("[data-testid=count-invalid]").TextContent);
        Assert.Equal("Invalid", cut.FindAll("[data-testid=roster-row]")[1].GetAttribute("data-change"));
    }

    [Fact]
    public void A_file_error_shows_no_counts()
    {
        var cut = Render<RosterImportResult>(ps => ps.Add(c => c.Preview, new RosterPreview([], ["檔案是空的。The file is empty."])));

        Assert.Contains("The file is empty.", cut.Find("[data-testid=roster-file-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=roster-counts]"));
    }
}
