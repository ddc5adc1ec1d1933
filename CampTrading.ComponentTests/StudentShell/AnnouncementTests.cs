using CampTrading.ComponentTests.Support;
using CampTrading.Web.Announcements;

namespace CampTrading.ComponentTests.StudentShell;

public sealed class AnnouncementListTests : CampComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 7, 21, 4, 0, 0, TimeSpan.Zero);

    private static Announcement Item(long id, AnnouncementPriority priority, double hoursAgo, string title = "") =>
        new(id, title == "" ? $"公告 {id}" : title, "**晚餐**改到 18:30", priority, Now.AddHours(-hoursAgo), false, "announcer",
            PublishedAt: Now.AddHours(-hoursAgo));

    private IRenderedComponent<AnnouncementList> RenderList(params Announcement[] items) =>
        Render<AnnouncementList>(ps => ps.Add(c => c.Items, items).Add(c => c.Now, Now)
            .Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei")));

    [Fact]
    public void Recent_urgent_ones_are_pinned_first_then_newest_first()
    {
        var cut = RenderList(
            Item(1, AnnouncementPriority.Normal, 0.5),
            Item(2, AnnouncementPriority.Urgent, 3),
            Item(3, AnnouncementPriority.Important, 1),
            Item(4, AnnouncementPriority.Urgent, 30)); // urgent, but a day old: no longer pinned

        var items = cut.FindAll("[data-testid=announcement-item]");
        Assert.Equal(["2", "1", "3", "4"], items.Select(i => i.GetAttribute("data-id")));
        Assert.Equal("true", items[0].GetAttribute("data-pinned"));
        Assert.Null(items[3].GetAttribute("data-pinned"));
        Assert.Single(cut.FindAll("[data-testid=announcement-pinned]"));
    }

    [Fact]
    public void A_card_links_to_its_page_with_priority_time_and_a_plain_excerpt()
    {
        var cut = RenderList(Item(9, AnnouncementPriority.Important, 2, "晚餐時間 Dinner"));

        var link = cut.Find("[data-testid=announcement-item]");
        Assert.Equal("/announcements/9", link.GetAttribute("href"));
        Assert.Equal("晚餐時間 Dinner", cut.Find("[data-testid=announcement-title]").TextContent);
        Assert.Contains("重要", cut.Find(".badge").TextContent);
        Assert.Equal("7/21 10:00", cut.Find("time").TextContent);
        Assert.Equal("晚餐改到 18:30", cut.Find(".excerpt").TextContent);
        Assert.Contains("important", cut.Find(".announcement-card").ClassList);
    }

    [Fact]
    public void Nothing_published_says_so()
    {
        var cut = RenderList();

        Assert.Contains("目前沒有公告。", cut.Find("[data-testid=announcements-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=announcement-item]"));
    }
}

public sealed class AnnouncementArticleTests : CampComponentTest
{
    private const string Hostile = "今天的**晚餐**改到 *18:30*\n\n- 帶水壺\n- 準時\n\n<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">\n\n[點我 click](javascript:window.pwned=3) [地圖](https://camp.example/map)";

    private IRenderedComponent<AnnouncementArticle> RenderArticle(AnnouncementPriority priority = AnnouncementPriority.Urgent, bool updated = false) =>
        Render<AnnouncementArticle>(ps => ps
            .Add(c => c.Announcement, new Announcement(5, "晚餐 Dinner", Hostile, priority, new DateTimeOffset(2026, 7, 21, 9, 30, 0, TimeSpan.Zero), false, "a"))
            .Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei"))
            .Add(c => c.Updated, updated));

    [Fact]
    public void Markdown_renders_but_scripts_images_and_javascript_links_never_do()
    {
        var body = RenderArticle().Find("[data-testid=announcement-body]");

        Assert.Equal("晚餐", body.QuerySelector("strong")!.TextContent);
        Assert.Equal(2, body.QuerySelectorAll("li").Length);
        Assert.Empty(body.QuerySelectorAll("script, img"));
        Assert.Contains("<script>", body.TextContent);
        Assert.Equal("#", body.QuerySelectorAll("a").Single(a => a.TextContent == "點我 click").GetAttribute("href"));
        Assert.Equal("https://camp.example/map", body.QuerySelectorAll("a").Single(a => a.TextContent == "地圖").GetAttribute("href"));
        Assert.Empty(body.QuerySelectorAll("[onerror]"));
    }

    [Fact]
    public void Heading_priority_and_camp_time_and_the_updated_note_only_when_updated()
    {
        var cut = RenderArticle();
        Assert.Equal("晚餐 Dinner", cut.Find("[data-testid=announcement-heading]").TextContent);
        Assert.Contains("緊急", cut.Find("[data-testid=announcement-priority]").TextContent);
        Assert.Equal("7/21 17:30", cut.Find("time").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=announcement-updated]"));

        var updated = RenderArticle(updated: true);
        Assert.Contains("這則公告剛剛更新。", updated.Find("[data-testid=announcement-updated]").TextContent);
    }
}

public sealed class AnnouncementSnackTests : CampComponentTest
{
    [Fact]
    public async Task A_published_announcement_becomes_a_snackbar_that_links_to_it()
    {
        var providers = RenderWithProviders();
        var announcement = new Announcement(42, "集合 Gather", "到**大廳**集合 now", AnnouncementPriority.Urgent, DateTimeOffset.UtcNow, false, "a");

        await providers.InvokeAsync(() => { AnnouncementSnack.Show(Snackbar, announcement); });

        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("[data-testid=announcement-toast]")));
        var toast = providers.Find("[data-testid=announcement-toast]");
        Assert.Equal("/announcements/42", toast.GetAttribute("href"));
        Assert.Contains("新公告：集合 Gather", toast.TextContent);
        Assert.Contains("到大廳集合 now", toast.TextContent);
        Assert.Contains("點一下閱讀全文", toast.TextContent);
        Assert.Contains("error", providers.Find(".mud-snackbar").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_announcement_is_shown_once()
    {
        var providers = RenderWithProviders();
        var announcement = new Announcement(43, "一次 Once", "x", AnnouncementPriority.Normal, DateTimeOffset.UtcNow, false, "a");

        await providers.InvokeAsync(() => { AnnouncementSnack.Show(Snackbar, announcement); AnnouncementSnack.Show(Snackbar, announcement); });

        providers.WaitForAssertion(() => Assert.Single(providers.FindAll("[data-testid=announcement-toast]")));
    }

    [Theory]
    [InlineData(AnnouncementPriority.Urgent, MudBlazor.Severity.Error, 30_000)]
    [InlineData(AnnouncementPriority.Important, MudBlazor.Severity.Warning, 15_000)]
    [InlineData(AnnouncementPriority.Normal, MudBlazor.Severity.Info, 10_000)]
    public void Urgent_ones_stay_longest_and_in_red(AnnouncementPriority priority, MudBlazor.Severity severity, int milliseconds) =>
        Assert.Equal((severity, milliseconds), AnnouncementSnack.Style(priority));
}
