using System.Net;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CampTrading.Tests.Infrastructure;

/// <summary>
/// The data-protection key ring lives in the database, so a sign-in cookie survives a restart of the app on the same database
/// (including a new container whose file system starts empty).
/// </summary>
public sealed class DataProtectionKeysTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Password = "a long admin password";

    [Fact]
    public async Task A_cookie_issued_before_a_restart_still_signs_in_after_it_and_the_keys_are_in_the_database()
    {
        var database = await postgres.CreateDatabaseAsync("dpkeys");
        string cookie;
        await using (var before = new RealAppFactory(database))
        {
            await using (var scope = before.Services.CreateAsyncScope())
                Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync("test", "root", null, CampRoles.Admin, Password)).Succeeded);
            using var client = before.NewClient();
            using var signIn = await RealAppFactory.PostFormAsync(client, "/staff/signin", "/staff/signin", ("userName", "root"), ("password", Password));
            Assert.Equal("/staff", signIn.Headers.Location?.OriginalString);
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("camp.auth=", StringComparison.Ordinal)).Split(';')[0];
        }

        await using (var dataSource = NpgsqlDataSource.Create(database))
        await using (var keys = dataSource.CreateCommand("select count(*) from data_protection_keys"))
            Assert.True((long)(await keys.ExecuteScalarAsync())! >= 1);

        await using var after = new RealAppFactory(database);
        using var restarted = after.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff/audit/export.csv");
        request.Headers.Add("Cookie", cookie);
        using var response = await restarted.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var anonymous = await restarted.GetAsync(new Uri("/staff/audit/export.csv", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode); // the check above is not an open door
    }
}
