using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy: sign-in rate limits would share one bucket and the first-run
/// page's loopback check would see the proxy. Naming the proxies (<c>ReverseProxy:KnownProxies</c> addresses and/or
/// <c>ReverseProxy:KnownNetworks</c> CIDRs) makes the app trust their X-Forwarded-For/-Proto — and nobody else's. Unset: off.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static WebApplicationBuilder AddReverseProxySupport(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1; // only the hop our own proxy appended; anything a client wrote before it is ignored
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in networks) options.KnownIPNetworks.Add(IPNetwork.Parse(network));
        });
        builder.Services.AddSingleton(new ReverseProxyMarker(proxies.Length + networks.Length > 0));
        return builder;
    }

    /// <summary>First in the pipeline, so rate limiting, authentication and the setup gate see the client's address.</summary>
    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ReverseProxyMarker>().Enabled) app.UseForwardedHeaders();
        return app;
    }

    private sealed record ReverseProxyMarker(bool Enabled);
}
