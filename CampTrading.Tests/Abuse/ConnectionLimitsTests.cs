using System.Net.Sockets;
using CampTrading.Tests.Support;
using CampTrading.Web.Abuse;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CampTrading.Tests.Abuse;

/// <summary>
/// One camper holding thousands of silent sockets used up the app's file descriptors, and it stopped accepting anyone
/// for good. Connections are capped per client address, and Kestrel's totals are kept below the descriptor limit.
/// </summary>
public sealed class ConnectionLimitsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int PerSource = 20;

    [Fact]
    public async Task One_address_holding_silent_sockets_is_turned_away_at_its_limit_and_served_again_once_it_lets_go()
    {
        await using var app = AppProcess.Start(await postgres.CreateDatabaseAsync("connlimits"),
            ("ConnectionLimits__PerSource", PerSource.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ConnectionLimits__ExemptLoopback", "false"), // the test's own address stands in for a camper's phone
            ("Kestrel__Limits__KeepAliveTimeout", "00:05:00")); // silent sockets are closed for being too many, not for silence
        await app.WaitForHealthAsync("ok", TimeSpan.FromSeconds(90)); // the deadline only ends a hung start

        var held = new List<TcpClient>();
        try
        {
            for (var i = 0; i < PerSource + 10; i++) held.Add(await ConnectAsync(app));
            var closedByServer = (await Task.WhenAll(held.Select(ClosedByServerAsync))).Count(closed => closed);
            Assert.True(closedByServer >= 10, $"{closedByServer} of {held.Count} silent sockets were closed");

            // The health checks' own connections may have been counted until now: a few more silent sockets take any room
            // they leave. Full: a request from the same address is turned away too.
            for (var i = 0; i < 5; i++) held.Add(await ConnectAsync(app));
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                using var http = app.Client();
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
            });
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }

        // Let go: served again (no timing asserted; the deadline only ends a hung test).
        var health = await app.WaitForHealthAsync("ok", TimeSpan.FromSeconds(30));
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Kestrels_total_from_the_configuration_turns_away_connections_from_anywhere_beyond_it()
    {
        // Loopback is not counted per address, so only the total can turn these away: the setting must reach Kestrel.
        await using var app = AppProcess.Start(await postgres.CreateDatabaseAsync("conntotal"), ("Kestrel__Limits__MaxConcurrentConnections", "20"));
        await app.WaitForHealthAsync("ok", TimeSpan.FromSeconds(90)); // the deadline only ends a hung start

        var held = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 30; i++) held.Add(await ConnectAsync(app));
            var closedByServer = (await Task.WhenAll(held.Select(ClosedByServerAsync))).Count(closed => closed);
            Assert.True(closedByServer >= 10, $"{closedByServer} of {held.Count} silent sockets were closed");
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }
        Assert.Equal("ok", (await app.WaitForHealthAsync("ok", TimeSpan.FromSeconds(30))).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(20_000L)]
    [InlineData(4_096L)]
    [InlineData(1_500L)]
    public void Kestrels_connection_totals_are_lowered_to_fit_the_descriptor_limit(long openFiles)
    {
        var limits = new KestrelServerLimits { MaxConcurrentConnections = 8_000, MaxConcurrentUpgradedConnections = 12_000 };

        ConnectionLimitsExtensions.FitToDescriptors(limits, openFiles);

        Assert.True(limits.MaxConcurrentConnections + limits.MaxConcurrentUpgradedConnections <= Math.Max(openFiles - ConnectionLimitsExtensions.ReservedDescriptors, 64),
            $"{limits.MaxConcurrentConnections} + {limits.MaxConcurrentUpgradedConnections} connections for {openFiles} descriptors");
        Assert.True(limits.MaxConcurrentUpgradedConnections > limits.MaxConcurrentConnections); // circuits keep the larger share
    }

    [Fact]
    public void Totals_that_fit_or_an_unknown_limit_are_left_alone()
    {
        var limits = new KestrelServerLimits { MaxConcurrentConnections = 8_000, MaxConcurrentUpgradedConnections = 12_000 };
        ConnectionLimitsExtensions.FitToDescriptors(limits, 1_048_576);
        ConnectionLimitsExtensions.FitToDescriptors(limits, null);
        Assert.Equal((8_000L, 12_000L), (limits.MaxConcurrentConnections!.Value, limits.MaxConcurrentUpgradedConnections!.Value));
    }

    private static async Task<TcpClient> ConnectAsync(AppProcess app)
    {
        var socket = new TcpClient();
        await socket.ConnectAsync(app.BaseUrl.Host, app.BaseUrl.Port);
        return socket;
    }

    /// <summary>True when the server closed the socket (a read ends) within a few seconds; false while it stays open.</summary>
    private static async Task<bool> ClosedByServerAsync(TcpClient socket)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            return await socket.GetStream().ReadAsync(new byte[1], wait.Token) == 0;
        }
        catch (OperationCanceledException) { return false; }
        catch (IOException) { return true; }
    }
}
