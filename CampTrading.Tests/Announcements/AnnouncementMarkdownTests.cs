using CampTrading.Web.Announcements;

namespace CampTrading.Tests.Announcements;

/// <summary>Announcement markdown is rendered with raw HTML escaped and script-capable links removed.</summary>
public sealed class AnnouncementMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hello <script>alert(1)</script> world")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("text <img src=x onerror=\"alert(1)\"> more")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<div onclick=alert(1)>click</div>")]
    [InlineData("<svg/onload=alert(1)>")]
    [InlineData("*<b onmouseover=alert(1)>bold</b>*")]
    public void Raw_html_is_escaped_never_passed_through(string markdown)
    {
        var html = AnnouncementMarkdown.ToHtml(markdown);

        foreach (var tag in new[] { "<script", "<img", "<a ", "<iframe", "<div", "<svg", "<b " })
            Assert.DoesNotContain(tag, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](java&#09;script:alert(1))")]
    [InlineData("[x](<javascript:alert(1)>)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![pic](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x][evil]\n\n[evil]: javascript:alert(1)")]
    public void Links_and_images_to_script_or_data_addresses_lose_them(string markdown)
    {
        var html = AnnouncementMarkdown.ToHtml(markdown);

        // The address may still be shown as text; no attribute carries it.
        var addresses = System.Text.RegularExpressions.Regex.Matches(html, "(?:href|src)=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["#"], addresses);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Ordinary_markdown_still_renders_and_web_links_open_separately()
    {
        var html = AnnouncementMarkdown.ToHtml("**晚餐** at *6*\n\n- one\n- two\n\n[map](https://camp.example/map) · [trade](/trade) · [mail](mailto:staff@camp.example)");

        Assert.Contains("<strong>晚餐</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>6</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://camp.example/map\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/trade\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:staff@camp.example\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://camp.example", true)]
    [InlineData("HTTP://camp.example", true)]
    [InlineData("/announcements/1", true)]
    [InlineData("page?x=a:b", true)]
    [InlineData("#top", true)]
    [InlineData("tel:+886-2-1234", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("\u0001javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Only_relative_and_known_safe_schemes_are_allowed(string url, bool safe) =>
        Assert.Equal(safe, AnnouncementMarkdown.IsSafeUrl(url));

    [Fact]
    public void Plain_text_previews_drop_the_markup()
    {
        Assert.Equal("晚餐 at 6", AnnouncementFormat.Excerpt("**晚餐** at *6*"));
        Assert.Equal("abcde…", AnnouncementFormat.Excerpt("abcdefgh", 5));
    }
}
