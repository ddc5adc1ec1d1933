using CampTrading.ComponentTests.Support;
using CampTrading.Web.Abuse;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class StudentLimitsPanelTests : CampComponentTest
{
    [Fact]
    public void Every_limited_action_is_listed_with_its_configured_limits()
    {
        Services.AddOptions();

        var cut = Render<StudentLimitsPanel>();

        var rows = cut.FindAll("[data-testid=limit-row]");
        Assert.Equal(Enum.GetValues<ActionKind>().Length, rows.Count);
        var order = new StudentLimitOptions().For(ActionKind.Order);
        var orderRow = cut.Find("[data-testid=limit-row][data-kind=Order]");
        Assert.Contains(order.PerSource.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), orderRow.TextContent);
        Assert.Contains("下單 Orders", orderRow.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=shared-addresses]"));
    }

    [Fact]
    public void Shared_addresses_are_named_when_configured()
    {
        Services.AddOptions();
        Services.Configure<StudentLimitOptions>(o => o.SharedAddresses = ["203.0.113.7", "2001:db8:1:2::/64"]);

        var cut = Render<StudentLimitsPanel>();

        Assert.Contains("203.0.113.7, 2001:db8:1:2::/64", cut.Find("[data-testid=shared-addresses]").TextContent);
    }
}
