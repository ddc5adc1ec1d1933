using CampTrading.Tests.Infrastructure;
using CampTrading.Tests.Roster;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Identity.Students;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampTrading.Tests.Identity;

/// <summary>
/// An open circuit whose session check meets a database that does not answer stays signed in: Blazor signs a circuit out
/// for good when its periodic check throws, so a PostgreSQL restart would otherwise sign out every open phone and console.
/// </summary>
public sealed class SessionCheckOutageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_database_that_stops_answering_leaves_open_sessions_signed_in()
    {
        var database = await postgres.CreateDatabaseAsync("session_outage");
        await using var host = await StaffHost.StartAsync(database);
        Assert.True((await host.Get<StaffAccounts>().CreateAsync("test", "keeper", "Kim", CampRoles.Announcer, "correct horse battery")).Succeeded);
        var principal = Assert.IsType<StaffSignInResult.Success>(await host.Get<StaffSignIn>().CheckAsync("keeper", "correct horse battery")).Principal;
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var tab = new SessionRevalidation(NullLoggerFactory.Instance, host.RootServices.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new StudentSignInOptions()), time);
        tab.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        Assert.True(await tab.CheckBeforeActionAsync());

        // The database goes away under the running app: dropped, its open connections cut.
        await using (var admin = new NpgsqlConnection(postgres.ServerConnectionString))
        {
            await admin.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(database).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        time.Advance(TimeSpan.FromSeconds(2));

        // The check cannot be answered: the action goes ahead, the periodic check keeps the session, nobody is signed out.
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => tab.IsCurrentAsync(principal));
        Assert.True(await tab.CheckBeforeActionAsync());
        Assert.True(await tab.PeriodicCheckAsync(principal, CancellationToken.None));
        Assert.True((await tab.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }
}
