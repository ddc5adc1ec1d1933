using System.Net;
using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Infrastructure;

/// <summary>/metrics over the whole pipeline on a real database: what it exports, and who may read it.</summary>
public sealed class MetricsEndpointTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private const string PeerHeader = "X-Test-Peer";
    private CampAppFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = await CampAppFactory.StartAsync(postgres, configure: web =>
        {
            web.UseSetting("Metrics:AllowedNetworks:0", "203.0.113.0/24");
            web.ConfigureServices(services => services.AddTransient<IStartupFilter, PeerFromHeader>());
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Staff_read_the_engine_the_book_the_requests_and_the_runtime_in_prometheus_format()
    {
        var exchange = _app.Services.GetRequiredService<ExchangeService>();
        var ok = await exchange.SubmitAsync(new OpenAccount("metrics-1"));
        Assert.True(ok.IsOk);
        Assert.Equal(RejectCode.OrderNotOwned, (await exchange.SubmitAsync(new CancelOrder(999_999, 1))).Code);
        using var staff = _app.ClientAs(CampRoles.Admin);
        await staff.GetAsync(new Uri("/healthz", UriKind.Relative)); // one request for the ASP.NET Core histogram

        using var response = await staff.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches("""camp_engine_commands_total\{[^}]*kind="OpenAccount"[^}]*result="ok"[^}]*\} [1-9]""", text);
        Assert.Matches("""camp_engine_commands_total\{[^}]*kind="CancelOrder"[^}]*result="order_not_owned"[^}]*\} 1""", text);
        Assert.Contains("camp_journal_append_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("camp_engine_batch_size_", text, StringComparison.Ordinal);
        foreach (var gauge in (string[])["camp_engine_queue_depth", "camp_engine_last_seq", "camp_engine_snapshot_age_seconds", "camp_market_open_orders", "camp_circuits_open", "camp_live_followers"])
            Assert.Matches($"(?m)^{gauge}(\\{{[^}}]*\\}})? \\d", text);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]                         // anonymous, from a peer nobody configured
    [InlineData(CampRoles.Student, null)]            // a camper signed in
    [InlineData(null, "198.51.100.7")]               // a network not on the list
    public async Task Anyone_else_is_refused_with_a_stable_code(string? role, string? peer)
    {
        using var client = role is null ? _app.ClientAs() : _app.ClientAs(role);
        if (peer is not null) client.DefaultRequestHeaders.Add(PeerHeader, peer);

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("metrics_forbidden", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("camp_engine", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prometheus_server_on_a_configured_network_may_scrape()
    {
        using var client = _app.ClientAs();
        client.DefaultRequestHeaders.Add(PeerHeader, "203.0.113.9");

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_network_that_is_not_cidr_stops_the_start_with_the_setting_named()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => CampAppFactory.StartAsync(postgres, configure: web => web.UseSetting("Metrics:AllowedNetworks:0", "the camp wifi")));

        Assert.Contains("Metrics:AllowedNetworks", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The test server has no TCP peer: this sets one from a header, as a request from that address would have.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(PeerHeader, out var peer)) http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
