using CampTrading.Tests.Infrastructure;
using CampTrading.Tests.Roster;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Identity.Students;
using CampTrading.Web.Staff.Console;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Identity;

/// <summary>Issue 10 §3: a staff tab kept the permissions it opened with after an admin changed the member's role.</summary>
public sealed class StaffSessionTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string GoodPassword = "correct horse battery";

    [Fact]
    public async Task A_role_change_ends_the_open_console_tab_at_its_next_action()
    {
        await using var host = await StaffHost.StartAsync(await postgres.CreateDatabaseAsync("staff_session"));
        var accounts = host.Get<StaffAccounts>();
        Assert.True((await accounts.CreateAsync("test", "announcer2", "Ann", CampRoles.Announcer, GoodPassword)).Succeeded);
        var principal = Assert.IsType<StaffSignInResult.Success>(await host.Get<StaffSignIn>().CheckAsync("announcer2", GoodPassword)).Principal;

        // The open tab: its circuit's authentication state, as Blazor holds it.
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var tab = new SessionRevalidation(NullLoggerFactory.Instance, host.RootServices.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new StudentSignInOptions()), time);
        tab.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        Assert.True(await tab.CheckBeforeActionAsync());

        Assert.True((await accounts.ChangeRoleAsync("admin", "announcer2", CampRoles.QrCodeManager)).Succeeded);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(await tab.CheckBeforeActionAsync());
        Assert.False((await tab.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.False(await tab.CheckBeforeActionAsync()); // and it stays ended

        // The staff action path refuses the stale principal even though its claims still grant the permission.
        var runner = new StaffCommandRunner(null!, host.Get<AuditLog>(), host.Get<StaffSignIn>());
        var outcome = await runner.RunAsync(principal, Permission.CreateAnnouncement, "test.action", null,
            _ => throw new InvalidOperationException("A stale sign-in must not reach the engine."), null, _ => "done");
        Assert.False(outcome.Ok);
    }
}
