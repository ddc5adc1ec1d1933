using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using CampTrading.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Abuse;

/// <summary>
/// Open connections per client address (<c>ConnectionLimits</c>). Every socket costs a file descriptor: without a cap one
/// camper holding thousands of silent sockets used up the process's descriptors, and the server stopped accepting anyone
/// for good. Loopback (this machine, the tests' load drivers) and the named reverse proxies (which carry every client) are
/// not counted; a proxy in front limits its own clients.
/// </summary>
public sealed class ConnectionLimitOptions
{
    public const string Section = "ConnectionLimits";

    /// <summary>Open connections one address (an IPv6 /64) may hold: a phone needs a WebSocket and a few requests.</summary>
    public int PerSource { get; set; } = 256;

    /// <summary>Whether this machine's own connections are left uncounted (off only in tests of the limit).</summary>
    public bool ExemptLoopback { get; set; } = true;
}

/// <summary>Counts each address's open connections and closes one above the limit before any byte of it is read.</summary>
public sealed class SourceConnectionLimiter(IOptions<ConnectionLimitOptions> options, IOptions<ForwardedHeadersOptions> proxies, ILogger<SourceConnectionLimiter> logger)
{
    private readonly OpenCounts _open = new();
    private readonly NowAndThen _warning = new(TimeSpan.FromSeconds(10));

    public async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (address is null || IsExempt(address) || ActionSource.FromAddress(address) is not { } source)
        {
            await next(connection);
            return;
        }
        if (!_open.TryOpen(source, options.Value.PerSource))
        {
            WarnNowAndThen(source);
            return; // Kestrel closes a connection its middleware returns from
        }
        try
        {
            await next(connection);
        }
        finally
        {
            _open.Close(source);
        }
    }

    private bool IsExempt(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return options.Value.ExemptLoopback;
        var known = proxies.Value;
        return known.KnownProxies.Contains(address) || known.KnownIPNetworks.Any(n => n.Contains(address));
    }

    private void WarnNowAndThen(string source)
    {
        if (!_warning.IsDue()) return;
#pragma warning disable CA1848, CA1873 // at most once per 10 s
        logger.LogWarning("Refused connections from {Source}: it already holds {Limit} open connections (ConnectionLimits:PerSource)",
            source, options.Value.PerSource);
#pragma warning restore CA1848, CA1873
    }
}

public static class ConnectionLimitsExtensions
{
    /// <summary>The per-address cap on every endpoint, and Kestrel's totals kept below the process's file descriptor limit.</summary>
    public static WebApplicationBuilder AddConnectionLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ConnectionLimitOptions>(builder.Configuration.GetSection(ConnectionLimitOptions.Section));
        builder.Services.AddSingleton<SourceConnectionLimiter>();
        // Kestrel reads only its endpoints from configuration by itself; its limits (Kestrel:Limits:…) are bound here.
        builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));
        builder.Services.PostConfigure<KestrelServerOptions>(kestrel => FitToDescriptors(kestrel.Limits, OpenFileLimit()));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next =>
        {
            var limiter = listen.ApplicationServices.GetRequiredService<SourceConnectionLimiter>();
            return connection => limiter.RunAsync(connection, next);
        })));
        return builder;
    }

    /// <summary>Descriptors kept for everything else: the database pool, files, the embedded cluster's pipes.</summary>
    internal const long ReservedDescriptors = 1_024;

    /// <summary>
    /// Lowers the connection totals (plain and upgraded, i.e. circuits and streams) in proportion when together they would
    /// not fit in <paramref name="openFiles"/> descriptors: at the cap Kestrel turns new connections away, and it keeps
    /// accepting once others close; out of descriptors, it stopped accepting for good.
    /// </summary>
    internal static void FitToDescriptors(KestrelServerLimits limits, long? openFiles)
    {
        if (openFiles is not { } limit || limits.MaxConcurrentConnections is not { } plain || limits.MaxConcurrentUpgradedConnections is not { } upgraded) return;
        var room = Math.Max(limit - ReservedDescriptors, 64);
        if (plain + upgraded <= room) return;
        var plainShare = (long)((double)room * plain / (plain + upgraded));
        limits.MaxConcurrentConnections = Math.Max(plainShare, 32);
        limits.MaxConcurrentUpgradedConnections = Math.Max(room - plainShare, 32);
    }

    /// <summary>The process's soft limit on open files (Linux: /proc/self/limits), or null when unknown or unlimited.</summary>
    internal static long? OpenFileLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?[26..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, out var value) ? value : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
