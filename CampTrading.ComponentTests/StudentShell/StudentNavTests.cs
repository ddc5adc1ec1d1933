using System.Security.Claims;
using CampTrading.ComponentTests.Support;
using CampTrading.Web.Components.Layout;
using CampTrading.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.StudentShell;

public sealed class StudentNavTests : CampComponentTest
{
    private void SignInStudent() =>
        AddAuthorization().SetAuthorized("王小明").SetClaims(new Claim(CampClaims.AccountId, "7"));

    [Fact]
    public void Lists_the_six_student_pages_in_order_with_icons_and_labels()
    {
        SignInStudent();
        var cut = Render<StudentNav>();

        var tabs = cut.FindAll("[data-testid=student-nav] a.tab");
        Assert.Equal(["nav-Home", "nav-Trade", "nav-Wallet", "nav-Duels", "nav-Leaderboard", "nav-Announcements"],
            tabs.Select(t => t.GetAttribute("data-testid")));
        Assert.Equal(["/", "/trade", "/wallet", "/duels", "/leaderboard", "/announcements"], tabs.Select(t => t.GetAttribute("href")));
        Assert.Equal(["首頁", "交易", "錢包", "對戰", "排行", "公告"], tabs.Select(t => t.QuerySelector(".label")!.TextContent));
        Assert.All(tabs, t => Assert.NotNull(t.QuerySelector("svg.mud-icon-root")));
        Assert.Equal("主選單", cut.Find("nav").GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData("/", "nav-Home")]
    [InlineData("/trade/CAMP", "nav-Trade")]
    [InlineData("/announcements/12", "nav-Announcements")]
    public void Marks_the_current_page_and_only_it(string path, string active)
    {
        SignInStudent();
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        var cut = Render<StudentNav>();

        var activeTabs = cut.FindAll("a.tab.active").Select(t => t.GetAttribute("data-testid")).ToList();
        Assert.Equal([active], activeTabs);
    }

    [Fact]
    public void Follows_navigation_to_another_page()
    {
        SignInStudent();
        var cut = Render<StudentNav>();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/wallet");

        cut.WaitForAssertion(() => Assert.Equal("nav-Wallet", cut.Find("a.tab.active").GetAttribute("data-testid")));
    }

    [Fact]
    public void Is_hidden_for_staff_without_a_student_account()
    {
        AddAuthorization().SetAuthorized("staff-admin").SetClaims(new Claim(ClaimTypes.Role, "admin"));
        var cut = Render<StudentNav>();

        Assert.Empty(cut.FindAll("[data-testid=student-nav]"));
    }

    [Fact]
    public void Is_hidden_when_nobody_is_signed_in()
    {
        AddAuthorization();
        var cut = Render<StudentNav>();

        Assert.Empty(cut.FindAll("[data-testid=student-nav]"));
    }
}

public sealed class StudentNavEnglishTests() : CampComponentTest("en")
{
    [Fact]
    public void Speaks_english_on_request()
    {
        AddAuthorization().SetAuthorized("Ming").SetClaims(new Claim(CampClaims.AccountId, "7"));
        var cut = Render<StudentNav>();

        Assert.Equal("Home", cut.Find("[data-testid=nav-Home] .label").TextContent);
        Assert.Equal("News", cut.Find("[data-testid=nav-Announcements] .label").TextContent);
    }
}
