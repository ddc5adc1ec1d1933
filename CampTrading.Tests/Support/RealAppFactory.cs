using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampTrading.Tests.Support;

/// <summary>
/// The whole app in memory with its real cookie authentication (unlike the header-driven test scheme of CampAppFactory), on a
/// given database, in a given environment, every request coming from <paramref name="remoteAddress"/> (the in-memory server
/// has no peer address of its own; null keeps it so).
/// </summary>
public sealed partial class RealAppFactory(string connectionString, string environment = "Development", IPAddress? remoteAddress = null,
    IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public static IPAddress Loopback => IPAddress.Loopback;
    public static IPAddress Remote { get; } = IPAddress.Parse("203.0.113.9");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:CampTrading", connectionString);
        builder.UseSetting("Staff:SignInPermitsPerMinute", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (remoteAddress is not null) builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new From(remoteAddress)));
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts a form the way a browser does: the antiforgery token read from <paramref name="formPage"/>, its cookie kept by the client.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, params (string Name, string Value)[] fields) =>
        await PostFormWithTokenAsync(client, action, await ReadFormTokenAsync(client, formPage), fields);

    /// <summary>Opens the form page and returns its antiforgery token (its cookie stays in the client).</summary>
    public static async Task<string> ReadFormTokenAsync(HttpClient client, string formPage)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri(formPage, UriKind.Relative));
        return AntiforgeryToken().Match(page).Groups[1].Value;
    }

    /// <summary>Posts a form with an antiforgery token read earlier by <see cref="ReadFormTokenAsync"/>.</summary>
    public static Task<HttpResponseMessage> PostFormWithTokenAsync(HttpClient client, string action, string token, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed class From(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, Func<Task> nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware();
            });
            next(app);
        };
    }
}
