using System.Net;
using System.Security.Claims;
using CampTrading.Web.Abuse;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Abuse;

/// <summary>Whose circuits count together, and the count itself: up to the owner's limit, and down again as circuits go.</summary>
public sealed class CircuitCountsTests
{
    private static readonly IPAddress Camper = IPAddress.Parse("192.0.2.7");

    private static ClaimsPrincipal SignedIn(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void A_student_counts_by_account_staff_by_user_and_a_signed_out_visitor_by_address_except_on_this_machine()
    {
        Assert.Equal(new CircuitOwner("account:7", true), CircuitOwner.Of(SignedIn(new Claim(ClaimTypes.Name, "Ann"), new Claim(CampClaims.AccountId, "7")), Camper));
        Assert.Equal(new CircuitOwner("staff:s-1", true), CircuitOwner.Of(SignedIn(new Claim(ClaimTypes.Name, "desk"), new Claim(StaffClaims.UserId, "s-1")), IPAddress.Loopback));
        Assert.Equal(new CircuitOwner("name:dev", true), CircuitOwner.Of(SignedIn(new Claim(ClaimTypes.Name, "dev")), null));

        var visitor = new ClaimsPrincipal(new ClaimsIdentity());
        Assert.Equal(new CircuitOwner("source:192.0.2.7", false), CircuitOwner.Of(visitor, Camper));
        Assert.Equal(new CircuitOwner("source:2001:db8:1:2::/64", false), CircuitOwner.Of(visitor, IPAddress.Parse("2001:db8:1:2:aaaa::9")));
        Assert.Null(CircuitOwner.Of(visitor, IPAddress.Loopback));
        Assert.Null(CircuitOwner.Of(visitor, IPAddress.IPv6Loopback));
        Assert.Null(CircuitOwner.Of(null, IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Null(CircuitOwner.Of(null, null));
    }

    [Fact]
    public void Each_owner_opens_up_to_its_limit_and_a_closed_circuit_frees_its_place()
    {
        var circuits = new CircuitCounts(Options.Create(new CircuitLimitOptions { PerAccount = 2, PerSignedOutSource = 1 }), NullLogger<CircuitCounts>.Instance);
        var ann = new CircuitOwner("account:1", true);
        var visitor = new CircuitOwner("source:192.0.2.7", false);

        Assert.True(circuits.TryOpen(ann));
        Assert.True(circuits.TryOpen(ann));
        Assert.True(circuits.IsFull(ann));
        Assert.False(circuits.TryOpen(ann));
        Assert.True(circuits.TryOpen(visitor));
        Assert.False(circuits.TryOpen(visitor));

        circuits.Closed(ann);
        Assert.Equal(1, circuits.Count(ann));
        Assert.True(circuits.TryOpen(ann));
        circuits.Closed(ann);
        circuits.Closed(ann);
        Assert.Equal(0, circuits.Count(ann));
    }
}
