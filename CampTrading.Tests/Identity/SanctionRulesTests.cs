using System.Security.Claims;
using CampTrading.Web.Identity;

namespace CampTrading.Tests.Identity;

/// <summary>Debt and freezing are the admin's (SPEC §2, §5), one rule for the student page and the points console alike.</summary>
public sealed class SanctionRulesTests
{
    private static ClaimsPrincipal As(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ClaimTypes.Role, role)], "test"));

    [Theory]
    [InlineData(CampRoles.Student)]
    [InlineData(CampRoles.QrCodeManager)]
    [InlineData(CampRoles.PointManager)]
    [InlineData(CampRoles.QrPointManager)]
    [InlineData(CampRoles.Announcer)]
    public void Only_the_admin_may_record_or_clear_debt_or_freeze(string role)
    {
        Assert.False(CampRoles.Allows(As(role), SanctionRules.Debt));
        Assert.False(CampRoles.Allows(As(role), SanctionRules.Freeze));
        Assert.True(CampRoles.Allows(As(CampRoles.Admin), SanctionRules.Debt));
        Assert.True(CampRoles.Allows(As(CampRoles.Admin), SanctionRules.Freeze));
    }
}
