using CampTrading.ComponentTests.Support;
using CampTrading.Web.Components.Layout;
using CampTrading.Web.Components.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.StudentShell;

public sealed class ReconnectModalTests : CampComponentTest
{
    [Fact]
    public void Is_the_element_blazor_web_js_looks_for_and_hidden_until_it_sets_a_state()
    {
        var modal = Render<ReconnectModal>().Find("[data-testid=reconnect-modal]");

        Assert.Equal("components-reconnect-modal", modal.Id);
        Assert.Equal(["reconnect-modal"], modal.ClassList.Where(c => !c.StartsWith("b-", StringComparison.Ordinal)));
        Assert.Equal("alertdialog", modal.GetAttribute("role"));
    }

    [Theory]
    [InlineData("reconnect-retrying", "reconnect-when-retrying", "正在重新連線")]
    [InlineData("reconnect-paused", "reconnect-when-paused", "連線已暫停")]
    [InlineData("reconnect-failed", "reconnect-when-failed", "每 10 秒會自動再試")]
    [InlineData("reconnect-rejected", "reconnect-when-rejected", "正在重新載入頁面")]
    public void Has_one_message_per_state(string testId, string stateClass, string text)
    {
        var message = Render<ReconnectModal>().Find($"[data-testid={testId}]");

        Assert.Contains(stateClass, message.ClassList);
        Assert.Contains(text, message.TextContent);
    }

    [Fact]
    public void The_retrying_message_carries_the_slots_blazor_fills_in()
    {
        var cut = Render<ReconnectModal>();

        Assert.NotNull(cut.Find("#components-reconnect-current-attempt"));
        Assert.NotNull(cut.Find("#components-seconds-to-next-attempt"));
    }

    [Fact]
    public void Its_buttons_are_plain_html_acted_on_by_the_script_never_inline_handlers()
    {
        var cut = Render<ReconnectModal>();

        var buttons = cut.FindAll("button");
        Assert.Equal(["resume", "reconnect", "reload"], buttons.Select(b => b.GetAttribute("data-action")));
        Assert.Equal(["reconnect-resume", "reconnect-retry", "reconnect-reload"], buttons.Select(b => b.GetAttribute("data-testid")));
        Assert.DoesNotContain("onclick", cut.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", cut.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_projector_is_marked_unattended()
    {
        Assert.Equal("true", Render<ReconnectModal>(ps => ps.Add(c => c.Unattended, true)).Find("#components-reconnect-modal").GetAttribute("data-unattended"));
        Assert.Null(Render<ReconnectModal>().Find("#components-reconnect-modal").GetAttribute("data-unattended"));
    }
}

public sealed class ReconnectModalEnglishTests() : CampComponentTest("en")
{
    [Fact]
    public void Speaks_english_on_request()
    {
        var cut = Render<ReconnectModal>();

        Assert.Equal("Connection lost", cut.Find("h2").TextContent);
        Assert.Equal("Resume", cut.Find("[data-testid=reconnect-resume]").TextContent);
    }
}

public sealed class LanguageSwitchTests : CampComponentTest
{
    [Fact]
    public void In_chinese_it_offers_english_and_comes_back_to_this_page()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/announcements/3");
        var link = Render<LanguageSwitch>().Find("[data-testid=language-switch]");

        Assert.Equal("English", link.TextContent.Trim());
        Assert.Equal("/culture/en?returnUrl=%2Fannouncements%2F3", link.GetAttribute("href"));
        Assert.Equal("en", link.GetAttribute("lang"));
    }
}

public sealed class LanguageSwitchEnglishTests() : CampComponentTest("en")
{
    [Fact]
    public void In_english_it_offers_chinese()
    {
        var link = Render<LanguageSwitch>().Find("[data-testid=language-switch]");

        Assert.Equal("中文", link.TextContent.Trim());
        Assert.StartsWith("/culture/zh-TW?returnUrl=", link.GetAttribute("href"), StringComparison.Ordinal);
    }
}
