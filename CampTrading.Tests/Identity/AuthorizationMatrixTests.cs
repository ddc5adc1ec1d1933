using System.Net;
using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace CampTrading.Tests.Identity;

/// <summary>
/// Walks every page and endpoint the app maps and, for every role of <see cref="CampRoles"/> and for anonymous callers, proves each
/// is allowed exactly where the roles-to-permissions table says. Every page and endpoint must declare what it needs: either
/// <c>[AllowAnonymous]</c> / <c>.AllowAnonymous()</c>, or <c>[Authorize(Policy = nameof(Permission.X))]</c>. A bare <c>[Authorize]</c>,
/// an unknown policy, roles, or no declaration at all fails the test, so the matrix grows with the app.
/// </summary>
public sealed class AuthorizationMatrixTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private CampAppFactory _factory = null!;

    /// <summary>The callers: anonymous (no roles) and each role alone.</summary>
    public static TheoryData<string> Callers() => new(["anonymous", .. CampRoles.All]);

    public async Task InitializeAsync() => _factory = await CampAppFactory.StartAsync(postgres);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>One routable page or endpoint of the app.</summary>
    private sealed record Route(string Pattern, string Method, bool IsPage, RouteEndpoint Endpoint)
    {
        public override string ToString() => $"{Method} {Pattern}{(IsPage ? " (page)" : "")}";
    }

    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (IsFrameworkPlumbing(endpoint, pattern)) continue;
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            // A page answers GET (its form posts go to endpoints of their own); an endpoint is tried with each of its methods.
            foreach (var method in isPage ? ["GET"] : methods)
                routes.Add(new Route(pattern, method, isPage, endpoint));
        }
        return routes;
    }

    /// <summary>Blazor's own plumbing (circuit hub, framework scripts) and static files: not the app's pages or endpoints.</summary>
    private static bool IsFrameworkPlumbing(RouteEndpoint endpoint, string pattern) =>
        pattern.StartsWith("/_blazor", StringComparison.Ordinal)
        || pattern.StartsWith("/_framework", StringComparison.Ordinal)
        || pattern.StartsWith("/_content/", StringComparison.Ordinal)
        || pattern.Contains(":file}", StringComparison.Ordinal) // the static-file fallback route
        || endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor")
        || (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null && Regex.IsMatch(pattern, @"\.[a-z0-9]{1,5}$", RegexOptions.IgnoreCase));

    /// <summary>What a route declares: null = anyone (AllowAnonymous), else the permissions it requires; throws when the declaration is missing or not a permission policy.</summary>
    private static Permission[]? Declared(Route route)
    {
        var endpoint = route.Endpoint;
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return null;
        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (authorize.Count == 0)
            throw new Xunit.Sdk.XunitException($"{route} declares neither [AllowAnonymous] nor [Authorize(Policy = nameof(Permission.…))].");
        var required = new List<Permission>();
        foreach (var data in authorize)
        {
            if (data.Roles is not null || data.AuthenticationSchemes is not null)
                throw new Xunit.Sdk.XunitException($"{route} authorizes by roles or schemes; use a permission policy instead.");
            if (data.Policy is null || !Enum.TryParse<Permission>(data.Policy, out var permission) || permission.ToString() != data.Policy)
                throw new Xunit.Sdk.XunitException($"{route} has [Authorize] without a permission policy (policy: {data.Policy ?? "none"}).");
            required.Add(permission);
        }
        return [.. required];
    }

    private static bool TableAllows(string caller, Permission[]? required) =>
        required is null || (caller != "anonymous" && required.All(p => CampRoles.Permissions[caller].Contains(p)));

    [Fact]
    public void The_app_is_tested_against_its_own_database_and_has_the_pages_the_matrix_expects()
    {
        var dataSource = _factory.Services.GetRequiredService<NpgsqlDataSource>();
        Assert.Equal(new NpgsqlConnectionStringBuilder(_factory.ConnectionString).Database, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database);

        var routes = Routes();
        foreach (var route in routes)
            output.WriteLine($"{route}  →  {(Declared(route) is { } p ? string.Join(" + ", p) : "anyone")}");
        foreach (var expected in new[] { "GET /staff (page)", "GET /staff/users (page)", "GET /staff/signin (page)", "GET /setup (page)", "POST /staff/signin", "GET /trade (page)" })
            Assert.Contains(expected, routes.Select(r => r.ToString()));
    }

    [Fact]
    public void Every_page_and_endpoint_declares_a_permission_policy_or_anonymous_access()
    {
        var failures = new List<string>();
        foreach (var route in Routes())
        {
            try { Declared(route); }
            catch (Xunit.Sdk.XunitException ex) { failures.Add(ex.Message); }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Each_caller_is_allowed_exactly_where_the_table_says(string caller)
    {
        using var client = caller == "anonymous" ? _factory.ClientAs() : _factory.ClientAs(caller);
        var authorization = _factory.Services.GetRequiredService<IAuthorizationService>();
        var wrong = new List<string>();
        foreach (var route in Routes())
        {
            Permission[]? required;
            try { required = Declared(route); }
            catch (Xunit.Sdk.XunitException) { continue; } // reported by the declaration test
            var expected = TableAllows(caller, required);

            // The policies themselves (what pages and bot commands ask) ...
            var principal = caller == "anonymous"
                ? new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())
                : new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                    [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, caller)], "Test"));
            var policyAllows = true;
            foreach (var permission in required ?? [])
                policyAllows &= (await authorization.AuthorizeAsync(principal, permission.ToString())).Succeeded;
            if (policyAllows != expected) wrong.Add($"{route}: policy says {(policyAllows ? "allow" : "deny")}, table says {(expected ? "allow" : "deny")}");

            // ... and the real request pipeline.
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), Concrete(route.Pattern));
            if (route.Method != "GET") request.Content = new FormUrlEncodedContent([new("probe", "1")]);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead); // the live streams never end
            // Denied by authorization = the authentication handler was asked to challenge or forbid (a page may answer 403 itself).
            var denial = response.Headers.TryGetValues(CampAppFactory.DeniedHeader, out var values) ? values.Single() : null;
            var denied = denial is not null && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            if (denied == expected) wrong.Add($"{route}: answered {(int)response.StatusCode} {denial}, table says {(expected ? "allow" : "deny")}");
            else if (!expected && (caller == "anonymous") != (denial == "challenge")) wrong.Add($"{route}: {caller} got {denial}");
        }
        Assert.True(wrong.Count == 0, $"{caller}:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }

    [Fact]
    public void Every_role_in_the_table_is_exercised_and_admin_holds_every_permission()
    {
        Assert.Equal(CampRoles.All.Count + 1, Callers().Count);
        Assert.Equal(Enum.GetValues<Permission>().Length, CampRoles.Permissions[CampRoles.Admin].Count);
        Assert.DoesNotContain(Permission.StaffConsole, (IEnumerable<Permission>)CampRoles.Permissions[CampRoles.Student]);
    }

    /// <summary>A concrete URL for a route pattern: parameters get sample values (symbols CAMP, everything else 1).</summary>
    private static string Concrete(string pattern) =>
        Regex.Replace(pattern, @"\{\*{0,2}([A-Za-z_]+)[^}]*\}", m => m.Groups[1].Value.Equals("symbol", StringComparison.OrdinalIgnoreCase) ? "CAMP" : "1");
}
