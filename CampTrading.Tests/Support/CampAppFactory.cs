using System.Security.Claims;
using System.Text.Encodings.Web;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Support;

/// <summary>
/// The whole app in memory (<see cref="WebApplicationFactory{Program}"/>) on a fresh database of the shared test cluster, with a
/// test authentication scheme: a request's <see cref="RolesHeader"/> names the roles of the caller (absent = anonymous); a
/// challenge answers 401 and a forbid 403.
/// </summary>
public sealed class CampAppFactory(string connectionString, int staffSignInPermitsPerMinute = 100_000, Action<IWebHostBuilder>? configure = null,
    bool realCookies = false)
    : WebApplicationFactory<Program>
{
    public const string RolesHeader = "X-Test-Roles";

    /// <summary>With <see cref="RolesHeader"/>: the caller's engine account id (default 1).</summary>
    public const string AccountHeader = "X-Test-Account";

    /// <summary>Set on a response when authorization refused the request: <c>challenge</c> (anonymous, 401) or <c>forbid</c> (403).</summary>
    public const string DeniedHeader = "X-Test-Denied";

    /// <summary>
    /// Starts the app. With <paramref name="realCookies"/> the app's own cookie authentication stays the default (for tests
    /// of sign-in sessions end to end); otherwise requests authenticate with the <see cref="RolesHeader"/> test scheme.
    /// </summary>
    public static async Task<CampAppFactory> StartAsync(PostgresFixture postgres, int staffSignInPermitsPerMinute = 100_000, Action<IWebHostBuilder>? configure = null,
        bool realCookies = false)
    {
        var factory = new CampAppFactory(await postgres.CreateDatabaseAsync("authz"), staffSignInPermitsPerMinute, configure, realCookies);
        using var client = factory.CreateClient(); // starts the host: migrations, engine, endpoints
        return factory;
    }

    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:CampTrading", connectionString);
        builder.UseSetting("Staff:SignInPermitsPerMinute", staffSignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        configure?.Invoke(builder);
        if (realCookies) return;
        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { });
            services.PostConfigure<AuthenticationOptions>(options =>
            {
                options.DefaultScheme = TestAuthHandler.SchemeName;
                options.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                options.DefaultChallengeScheme = TestAuthHandler.SchemeName;
                options.DefaultForbidScheme = TestAuthHandler.SchemeName;
            });
        });
    }

    /// <summary>A client that does not follow redirects, acting as the given roles (none = anonymous).</summary>
    public HttpClient ClientAs(params string[] roles)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (roles.Length > 0) client.DefaultRequestHeaders.Add(RolesHeader, string.Join(',', roles));
        return client;
    }

    private sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.Headers[DeniedHeader] = "challenge";
            return base.HandleChallengeAsync(properties);
        }

        protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        {
            Response.Headers[DeniedHeader] = "forbid";
            return base.HandleForbiddenAsync(properties);
        }

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(RolesHeader, out var header)) return Task.FromResult(AuthenticateResult.NoResult());
            var roles = header.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            var claims = new List<Claim> { new(ClaimTypes.Name, "test-" + string.Join('-', roles)), new(CampClaims.AccountId, Request.Headers.TryGetValue(AccountHeader, out var account) ? account.ToString() : "1") };
            claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
    }
}
