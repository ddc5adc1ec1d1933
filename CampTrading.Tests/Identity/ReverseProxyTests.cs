using System.Net;
using CampTrading.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Identity;

/// <summary>
/// Behind a named proxy the app sees the client's address: the first-run page is not "local" for a remote client whose
/// request the proxy (on loopback) forwards. Without configuration, forwarded headers are never trusted.
/// </summary>
public sealed class ReverseProxyTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_named_proxy_passes_on_the_client_address()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres, configure: builder =>
        {
            builder.UseSetting("ReverseProxy:KnownProxies:0", "127.0.0.1");
            builder.UseSetting("Students:SignInPermitsPerWindow", "2");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FromLoopback()));
        });
        using var client = factory.ClientAs();

        using (var direct = await client.GetAsync(new Uri("/setup", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode); // on this machine, no proxy involved

        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/setup");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using (var response = await client.SendAsync(forwarded))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // a remote client through the proxy needs the token

        // Sign-in attempts are limited per client, not per proxy: one client's burst leaves the next one alone.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await TelegramSignInFromAsync(client, "203.0.113.9"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await TelegramSignInFromAsync(client, "203.0.113.9"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await TelegramSignInFromAsync(client, "203.0.113.9"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await TelegramSignInFromAsync(client, "198.51.100.7"));
    }

    private static async Task<HttpStatusCode> TelegramSignInFromAsync(HttpClient client, string clientAddress)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login/telegram?id=1&hash=00");
        request.Headers.Add("X-Forwarded-For", clientAddress);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Without_configuration_forwarded_headers_are_ignored_and_the_setup_page_stays_closed_to_them()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres, configure: builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FromLoopback())));
        using var client = factory.ClientAs();
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/setup");
        forwarded.Headers.Add("X-Forwarded-For", "127.0.0.1");
        using var response = await client.SendAsync(forwarded);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // a spoofed header never makes a request local
    }

    /// <summary>The in-memory test server has no peer address; make every request come from loopback, like a local proxy.</summary>
    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, Func<Task> nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware();
            });
            next(app);
        };
    }
}
