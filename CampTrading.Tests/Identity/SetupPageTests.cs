using System.Net;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Identity;

/// <summary>The first-run page over the real pipeline (in-memory requests have no loopback address, so they count as remote).</summary>
public sealed class SetupPageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Setup_needs_the_token_from_elsewhere_and_closes_once_an_admin_exists()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var client = factory.ClientAs();
        var token = factory.Services.GetRequiredService<FirstRunSetup>().IssueToken(); // the one the startup log printed

        using (var withoutToken = await client.GetAsync(new Uri("/setup", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, withoutToken.StatusCode);
            Assert.DoesNotContain("setup-form", await withoutToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var wrongToken = await client.GetAsync(new Uri("/setup?token=nope", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
        using (var withToken = await client.GetAsync(new Uri($"/setup?token={token}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
            Assert.Contains("setup-form", await withToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync("test", "first", null, CampRoles.Admin, "a long admin password")).Succeeded);

        using var closed = await client.GetAsync(new Uri($"/setup?token={token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        var closedPage = await closed.Content.ReadAsStringAsync();
        Assert.DoesNotContain("setup-form", closedPage, StringComparison.Ordinal);
        Assert.Contains("Page not found", closedPage, StringComparison.Ordinal); // the same page as any unknown address
    }

    [Theory]
    [InlineData("Development", "dotnet run --project CampTrading.Web -- admin create <username>")]
    [InlineData("Production", "ASPNETCORE_ENVIRONMENT=Production dotnet run -c Release --project CampTrading.Web --no-launch-profile -- admin create <username>")]
    public void The_startup_hint_creates_the_admin_the_way_the_app_runs(string environment, string command)
    {
        // The Development run keeps its own embedded database: a hint for the other environment would create the admin elsewhere.
        var hint = FirstRunSetupHostedService.AdminCreateCommand(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });
        Assert.StartsWith(command, hint, StringComparison.Ordinal);
    }
}
