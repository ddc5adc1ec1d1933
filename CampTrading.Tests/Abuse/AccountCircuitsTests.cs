using System.Security.Claims;
using CampTrading.Web.Abuse;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Abuse;

/// <summary>Whose circuits count together, and the count itself: up to the limit, and down again as circuits go.</summary>
public sealed class AccountCircuitsTests
{
    private static ClaimsPrincipal SignedIn(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void A_student_counts_by_account_a_staff_member_by_user_and_a_visitor_not_at_all()
    {
        Assert.Equal("account:7", AccountCircuits.KeyOf(SignedIn(new Claim(ClaimTypes.Name, "Ann"), new Claim(CampClaims.AccountId, "7"))));
        Assert.Equal("staff:s-1", AccountCircuits.KeyOf(SignedIn(new Claim(ClaimTypes.Name, "desk"), new Claim(StaffClaims.UserId, "s-1"))));
        Assert.Equal("name:dev", AccountCircuits.KeyOf(SignedIn(new Claim(ClaimTypes.Name, "dev"))));
        Assert.Null(AccountCircuits.KeyOf(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.Null(AccountCircuits.KeyOf(null));
    }

    [Fact]
    public void Each_account_opens_up_to_its_limit_and_a_closed_circuit_frees_its_place()
    {
        var circuits = new AccountCircuits(Options.Create(new CircuitLimitOptions { PerAccount = 2 }), NullLogger<AccountCircuits>.Instance);

        Assert.True(circuits.TryOpen("account:1"));
        Assert.True(circuits.TryOpen("account:1"));
        Assert.True(circuits.IsFull("account:1"));
        Assert.False(circuits.TryOpen("account:1"));
        Assert.True(circuits.TryOpen("account:2"));

        circuits.Closed("account:1");
        Assert.Equal(1, circuits.Count("account:1"));
        Assert.True(circuits.TryOpen("account:1"));
        circuits.Closed("account:1");
        circuits.Closed("account:1");
        Assert.Equal(0, circuits.Count("account:1"));
    }
}
