using CampTrading.ComponentTests.Support;
using CampTrading.Web.Announcements;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class AnnouncementEditorPreviewTests : CampComponentTest
{
    [Fact]
    public void The_preview_shows_the_title_and_renders_the_markdown()
    {
        var cut = Render<AnnouncementEditorPreview>(p => p.Add(x => x.Title, "明天的活動 Tomorrow").Add(x => x.Body, "**粗體 bold** and [a link](https://example.org)\n\n- one\n- two"));

        Assert.Equal("明天的活動 Tomorrow", cut.Find("[data-testid=announcement-preview-title]").TextContent);
        Assert.Equal("粗體 bold", cut.Find("[data-testid=announcement-preview] strong").TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=announcement-preview] li").Count);
        Assert.Equal("https://example.org", cut.Find("[data-testid=announcement-preview] a").GetAttribute("href"));
    }

    [Fact]
    public void Html_typed_into_the_text_is_not_rendered_as_markup()
    {
        var cut = Render<AnnouncementEditorPreview>(p => p.Add(x => x.Body, "<script>alert(1)</script><img src=x onerror=alert(1)>"));

        Assert.Empty(cut.FindAll("[data-testid=announcement-preview] script"));
        Assert.Empty(cut.FindAll("[data-testid=announcement-preview] img"));
    }

    [Fact]
    public void An_empty_draft_says_where_the_preview_will_appear()
    {
        var cut = Render<AnnouncementEditorPreview>();

        Assert.NotEmpty(cut.FindAll("[data-testid=announcement-preview-empty]"));
        Assert.Empty(cut.FindAll("[data-testid=announcement-preview-title]"));
    }
}
