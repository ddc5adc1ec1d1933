using System.Net;
using CampTrading.Web.Abuse;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Abuse;

/// <summary>
/// A camp on a server on the internet: every phone on the venue's Wi-Fi arrives from the venue's one public address, so a
/// per-source allowance there would be the whole camp's. Listed shared addresses count student actions per account only.
/// </summary>
public sealed class SharedAddressesTests
{
    private static StudentLimitOptions Limits(params string[] shared) => new() { SharedAddresses = shared };

    [Theory]
    [InlineData("203.0.113.7", null)]
    [InlineData("::ffff:203.0.113.7", null)]
    [InlineData("198.51.100.1", "198.51.100.1")]
    [InlineData("2001:db8:1:2::5", null)]
    [InlineData("2001:db8:9:9::5", "2001:db8:9:9::/64")]
    public void A_shared_address_is_no_source_and_any_other_is_its_own(string client, string? source)
    {
        var limits = Limits("203.0.113.7", "2001:db8:1:2::/64");
        Assert.Equal(source, limits.SourceOf(IPAddress.Parse(client)));
    }

    [Fact]
    public void Without_shared_addresses_every_client_is_its_own_source()
    {
        Assert.Equal("203.0.113.7", Limits().SourceOf(IPAddress.Parse("203.0.113.7")));
        Assert.Null(Limits().SourceOf(null));
    }

    [Theory]
    [InlineData("camp wifi")]
    [InlineData("203.0.113.0/40")]
    [InlineData("")]
    public void An_entry_that_is_no_address_or_network_is_a_wrong_setting(string entry) =>
        Assert.False(Limits("203.0.113.7", entry).IsValid);

    [Fact]
    public async Task A_circuit_from_a_shared_address_acts_from_no_source_and_one_from_elsewhere_from_its_address()
    {
        var limits = Options.Create(Limits("203.0.113.0/24"));
        Assert.Null(await SourceInsideCircuitAsync(limits, "203.0.113.50"));
        Assert.Equal("198.51.100.1", await SourceInsideCircuitAsync(limits, "198.51.100.1"));
    }

    private static async Task<string?> SourceInsideCircuitAsync(IOptions<StudentLimitOptions> limits, string client)
    {
        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(client) } } };
        var handler = new SourceCircuitHandler(http, limits);
        string? seen = "unset";
        await handler.CreateInboundActivityHandler(_ =>
        {
            seen = ActionSource.Current;
            return Task.CompletedTask;
        })(null!);
        return seen;
    }
}
