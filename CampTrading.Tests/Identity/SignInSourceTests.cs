using System.Net;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Identity.Students;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Identity;

/// <summary>
/// The sign-in limits count an IPv6 client by its /64, as every other source limit does: a client that rotates addresses
/// inside its own network is still one source.
/// </summary>
public sealed class SignInSourceTests
{
    private static DefaultHttpContext From(string address) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

    [Fact]
    public void Addresses_of_one_ipv6_network_are_one_source_and_another_network_is_another()
    {
        var (one, two, other) = (From("2001:db8:1:2::10"), From("2001:db8:1:2:ffff::99"), From("2001:db8:1:3::10"));

        Assert.Equal(StudentSignInEndpoints.SourceOf(one), StudentSignInEndpoints.SourceOf(two));
        Assert.NotEqual(StudentSignInEndpoints.SourceOf(one), StudentSignInEndpoints.SourceOf(other));
        Assert.Equal("ip:192.0.2.7", StudentSignInEndpoints.SourceOf(From("::ffff:192.0.2.7")));

        var students = new SignInRateLimitPolicy(Options.Create(new StudentSignInOptions()));
        Assert.Equal(students.GetPartition(one).PartitionKey, students.GetPartition(two).PartitionKey);
        Assert.NotEqual(students.GetPartition(one).PartitionKey, students.GetPartition(other).PartitionKey);

        var staff = new StaffSignInRateLimitPolicy(new ConfigurationBuilder().Build());
        Assert.Equal(staff.GetPartition(one).PartitionKey, staff.GetPartition(two).PartitionKey);
        Assert.NotEqual(staff.GetPartition(one).PartitionKey, staff.GetPartition(other).PartitionKey);
    }
}
