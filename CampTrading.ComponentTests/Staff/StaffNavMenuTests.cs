using System.Security.Claims;
using CampTrading.ComponentTests.Support;
using CampTrading.Web.Identity;
using CampTrading.Web.Staff;

namespace CampTrading.ComponentTests.Staff;

public sealed class StaffNavMenuTests : CampComponentTest
{
    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    private List<string> Keys(ClaimsPrincipal user) =>
        Render<StaffNavMenu>(ps => ps.Add(c => c.User, user))
            .FindAll("[data-testid^=staff-nav-]").Select(a => a.GetAttribute("data-testid")!["staff-nav-".Length..]).ToList();

    [Fact]
    public void The_admin_sees_every_page_with_its_link()
    {
        var cut = Render<StaffNavMenu>(ps => ps.Add(c => c.User, User(CampRoles.Admin)));

        Assert.Equal(StaffNavMenu.Items.Count, cut.FindAll("[data-testid^=staff-nav-]").Count);
        Assert.Equal("/staff/students", cut.Find("[data-testid=staff-nav-students]").GetAttribute("href"));
        Assert.Single(cut.FindAll("[data-testid=staff-nav]"));
    }

    [Fact]
    public void A_point_manager_sees_points_and_students_but_no_admin_pages()
    {
        var keys = Keys(User(CampRoles.PointManager));

        Assert.Equal(["dashboard", "points", "teams", "students", "orders", "trade"], keys);
    }

    [Fact]
    public void A_qr_code_manager_sees_qr_codes_only()
    {
        var keys = Keys(User(CampRoles.QrCodeManager));

        Assert.Equal(["dashboard", "qr", "trade"], keys);
    }

    [Fact]
    public void Roles_add_up()
    {
        var keys = Keys(User(CampRoles.QrCodeManager, CampRoles.Announcer));

        Assert.Contains("qr", keys);
        Assert.Contains("announcements", keys);
        Assert.DoesNotContain("users", keys);
    }

    [Fact]
    public void Nobody_signed_in_sees_nothing()
    {
        Assert.Empty(Keys(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
