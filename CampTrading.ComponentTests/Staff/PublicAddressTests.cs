using Bunit.TestDoubles;
using CampTrading.ComponentTests.Support;
using CampTrading.Web.Staff.PublicAddress;

namespace CampTrading.ComponentTests.Staff;

/// <summary>The camp's public address: what counts as one phones can open, and the print pages' guard and footer.</summary>
public sealed class PublicAddressTests : CampComponentTest
{
    [Theory]
    [InlineData("http://192.168.1.20:8080", "http://192.168.1.20:8080")]
    [InlineData("  https://Camp.Example.org/  ", "https://camp.example.org")]
    [InlineData("https://camp.example.org/trade/", "https://camp.example.org/trade")]
    [InlineData("http://camp.example.org:80", "http://camp.example.org")]
    [InlineData("http://[fd00::5]:8080", "http://[fd00::5]:8080")]
    public void A_reachable_address_is_ready_and_normalised(string text, string expected)
    {
        var check = PublicAddressRules.Check(text);

        Assert.Equal(PublicAddressStatus.Ready, check.Status);
        Assert.True(check.CanPrint);
        Assert.Equal(expected, check.Address);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.8.9.10")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://camp.localhost")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://0.0.0.0:8080")]
    public void A_loopback_address_is_flagged_phones_cannot_open_it(string text)
    {
        var check = PublicAddressRules.Check(text);

        Assert.Equal(PublicAddressStatus.Loopback, check.Status);
        Assert.False(check.CanPrint);
        Assert.NotNull(check.Address); // well formed: it may be stored, printing stays blocked
        Assert.Contains("phones cannot", check.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.1.20:8080")]
    [InlineData("ftp://camp.example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://camp.example.org/?x=1")]
    [InlineData("https://camp.example.org/#top")]
    [InlineData("https://user:pw@camp.example.org")]
    [InlineData("https://camp.example.org/a b")]
    [InlineData("/relative")]
    public void Anything_but_an_http_base_is_invalid(string text)
    {
        var check = PublicAddressRules.Check(text);

        Assert.Equal(PublicAddressStatus.Invalid, check.Status);
        Assert.Null(check.Address);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void No_address_is_unset(string? text) => Assert.Equal(PublicAddressStatus.Unset, PublicAddressRules.Check(text).Status);

    [Theory]
    [InlineData(true, "http://0.0.0.0:8080")]
    [InlineData(true, "http://[::]:8080")]
    [InlineData(true, "http://*:8080")]
    [InlineData(true, "http://+:80")]
    [InlineData(true, "http://192.168.1.20:8080")]
    [InlineData(true, "http://localhost:5080", "http://0.0.0.0:8080")]
    [InlineData(true)] // unknown (a test server): suggestions stay
    [InlineData(false, "http://localhost:5080")]
    [InlineData(false, "http://127.0.0.1:5000", "https://localhost:5001")]
    [InlineData(false, "http://[::1]:5080")]
    public void Lan_suggestions_are_offered_only_when_the_server_listens_beyond_this_computer(bool reachable, params string[] listening) =>
        Assert.Equal(reachable, PublicAddressSuggestions.ReachableFromOtherMachines(listening));

    [Theory]
    [InlineData(true, "http://localhost:5080/", "http://localhost:5080")]
    [InlineData(false, "https://camp.example.org/", "http://127.0.0.1:5080")] // behind a reverse proxy
    [InlineData(false, "http://localhost:8080/", "http://0.0.0.0:8080")] // the organizer's own browser on the laptop
    public void Phones_are_told_they_cannot_reach_the_run_only_when_nothing_but_this_computer_can(bool localOnly, string openedAt, string listening) =>
        Assert.Equal(localOnly, PublicAddressSuggestions.LocalOnly([listening], new Uri(openedAt)));

    [Fact]
    public void A_very_long_address_is_refused() =>
        Assert.Equal(PublicAddressStatus.Invalid, PublicAddressRules.Check("https://camp.example.org/" + new string('a', PublicAddressRules.MaxLength)).Status);

    [Fact]
    public void The_print_guard_says_why_and_offers_the_field()
    {
        ComponentFactories.AddStub<PublicAddressField>();
        var cut = Render<PrintGuard>(ps => ps.Add(c => c.Check, PublicAddressRules.Check("http://127.0.0.1:5000")));

        var alert = cut.Find("[data-testid=print-guard-alert]").TextContent;
        Assert.Contains("Printing is blocked.", alert, StringComparison.Ordinal);
        Assert.Contains("Only this computer can open http://127.0.0.1:5000", alert, StringComparison.Ordinal);
        Assert.Single(cut.FindComponents<Stub<PublicAddressField>>());
        Assert.Contains("no-print", cut.Find("[data-testid=print-guard]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sheet_prints_the_address_its_codes_use()
    {
        var cut = Render<PrintedAddressFooter>(ps => ps.Add(c => c.Address, "http://192.168.1.20:8080"));

        Assert.StartsWith("QR → http://192.168.1.20:8080", cut.Find("[data-testid=sheet-address]").TextContent, StringComparison.Ordinal);
    }
}
