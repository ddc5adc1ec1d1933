using System.Net;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Identity;

/// <summary>Storms of concurrent staff sign-ins and first-run posts: every wrong password counts, and there is one first admin.</summary>
public sealed class StaffRaceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Password = "a long staff password";

    [Fact]
    public async Task Nine_concurrent_wrong_passwords_all_count_and_lock_out_the_right_one()
    {
        await using var host = await StaffHost.StartAsync(await postgres.CreateDatabaseAsync("lockrace"));
        Assert.True((await host.Get<StaffAccounts>().CreateAsync("test", "desk", null, CampRoles.PointManager, Password)).Succeeded);

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 9).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = host.RootServices.CreateAsyncScope(); // one sign-in per request scope, as in the app
            return await scope.ServiceProvider.GetRequiredService<StaffSignIn>().CheckAsync("desk", "wrong password " + i);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);
        Assert.DoesNotContain(results, r => r is StaffSignInResult.Success);

        var user = await host.Get<UserManager<StaffUser>>().FindByNameAsync("desk");
        Assert.NotNull(user);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow, $"not locked out; failure count {user.AccessFailedCount}");

        await using var scope = host.RootServices.CreateAsyncScope();
        var right = await scope.ServiceProvider.GetRequiredService<StaffSignIn>().CheckAsync("desk", Password);
        Assert.IsType<StaffSignInResult.LockedOut>(right);
    }

    [Fact]
    public async Task Ten_concurrent_first_run_posts_create_exactly_one_admin()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        var token = factory.Services.GetRequiredService<FirstRunSetup>().IssueToken();
        var clients = Enumerable.Range(0, 10).Select(_ => factory.CreateClient(new() { AllowAutoRedirect = false })).ToList();
        try
        {
            // Every browser has the open form before anyone posts (once an admin exists, /setup is not found).
            var forms = await Task.WhenAll(clients.Select(client => RealAppFactory.ReadFormTokenAsync(client, $"/setup?token={token}")));
            var posts = clients.Select((client, i) => Task.Run(async () =>
            {
                using var response = await RealAppFactory.PostFormWithTokenAsync(client, "/setup", forms[i],
                    ("token", token), ("userName", $"admin{i}"), ("displayName", $"Admin {i}"), ("password", Password), ("confirm", Password));
                return response.StatusCode;
            })).ToList();
            var codes = await Task.WhenAll(posts);
            Assert.All(codes, code => Assert.True((int)code < 500, $"answered {(int)code}"));
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var staff = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync();
        Assert.Single(staff, s => s.Roles.Contains(CampRoles.Admin));
        Assert.Single(staff);
    }
}
