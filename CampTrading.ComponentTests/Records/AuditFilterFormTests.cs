using CampTrading.ComponentTests.Support;
using CampTrading.Web.Staff.Records;

namespace CampTrading.ComponentTests.Records;

public sealed class AuditFilterFormTests : CampComponentTest
{
    private readonly List<AuditFilter> _applied = [];

    private IRenderedComponent<AuditFilterForm> RenderForm(string exportHref = RecordsEndpoints.AuditExportPath) =>
        Render<AuditFilterForm>(ps => ps
            .Add(c => c.Actions, ["backup.create", "student.grant"])
            .Add(c => c.Actors, ["staff-ann", "staff-ben"])
            .Add(c => c.ExportHref, exportHref)
            .Add(c => c.OnApply, filter => _applied.Add(filter)));

    [Fact]
    public async Task What_is_typed_becomes_the_filter()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=audit-person]").Input(" T-ALICE ");
        cut.Find("[data-testid=audit-from]").Input("2026-07-01T09:00");
        cut.Find("[data-testid=audit-to]").Input("2026-07-01T10:30");

        await cut.Find("[data-testid=audit-apply]").ClickAsync(new());

        var filter = Assert.Single(_applied);
        Assert.Equal(new AuditFilter("all", null, " T-ALICE ", null, "2026-07-01T09:00", "2026-07-01T10:30"), filter);
        Assert.Equal("?person=T-ALICE&from=2026-07-01T09%3A00&to=2026-07-01T10%3A30", filter.ToQueryString());
    }

    [Fact]
    public async Task A_staff_member_picked_from_the_list_is_in_the_filter()
    {
        var providers = RenderWithProviders();
        var cut = RenderForm();

        await cut.Find("[data-testid=audit-staff]").MouseDownAsync(new());
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll(".mud-popover-open .mud-list-item")));
        await providers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Contains("staff-ben", StringComparison.Ordinal)).ClickAsync(new());
        await cut.Find("[data-testid=audit-apply]").ClickAsync(new());

        Assert.Equal("staff-ben", Assert.Single(_applied).Staff);
    }

    [Fact]
    public async Task From_after_To_is_refused_with_a_message_and_nothing_is_applied()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=audit-from]").Input("2026-07-01T12:00");
        cut.Find("[data-testid=audit-to]").Input("2026-07-01T09:00");

        await cut.Find("[data-testid=audit-apply]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("From must be before To", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(_applied);
    }

    [Fact]
    public async Task A_time_in_another_shape_is_refused_with_a_message()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=audit-from]").Input("July 1st");

        await cut.Find("[data-testid=audit-apply]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Times must look like 2026-07-01T09:30", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(_applied);
    }

    [Fact]
    public async Task Clear_empties_the_fields_and_applies_the_empty_filter()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=audit-person]").Input("42");

        await cut.Find("[data-testid=audit-clear]").ClickAsync(new());

        Assert.Equal("", Assert.Single(_applied).ToQueryString());
        Assert.Equal("", cut.Find("[data-testid=audit-person]").GetAttribute("value") ?? "");
    }

    [Fact]
    public void The_export_link_carries_the_applied_filter()
    {
        var cut = RenderForm(RecordsEndpoints.AuditExportPath + new AuditFilter(Source: "staff", Staff: "staff-ann").ToQueryString());

        Assert.Equal("/staff/audit/export.csv?source=staff&staff=staff-ann", cut.Find("[data-testid=audit-export]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("2026-07-01T09:00", "2026-07-01T09:00", false)]
    [InlineData("2026-07-01T09:00", "2026-07-01T09:01", true)]
    [InlineData("2026-07-01", null, true)]
    [InlineData(null, "2026-13-01T00:00", false)]
    public void The_checks_that_need_no_database(string? from, string? to, bool valid) =>
        Assert.Equal(valid, new AuditFilter(From: from, To: to).Check(TimeZoneInfo.Utc) is null);
}
