using System.Net;
using System.Text;
using CampTrading.Tests.Infrastructure;
using CampTrading.Tests.Support;
using CampTrading.Web.Roster;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Identity;

/// <summary>
/// Sign-in by name and the /dev hooks exist only in Development, with Exchange:DevSignIn on, for requests from this machine;
/// never for a roster student; every page says so while they are on; a production start with them on refuses to start.
/// </summary>
public sealed class DevConveniencesTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task From_another_machine_in_Development_they_do_not_exist()
    {
        await using var factory = new RealAppFactory(await postgres.CreateDatabaseAsync("devremote"), remoteAddress: RealAppFactory.Remote);
        using var client = factory.NewClient();

        var page = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        Assert.DoesNotContain("signin-form", page, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-banner", page, StringComparison.Ordinal);

        using (var signIn = await RealAppFactory.PostFormAsync(client, "/signin", "/signin", ("name", "Mallory")))
            Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        using (var role = await client.PostAsync(new Uri("/dev/signin-role", UriKind.Relative),
                   new FormUrlEncodedContent([new("name", "Mallory"), new("role", "admin")])))
            Assert.Equal(HttpStatusCode.NotFound, role.StatusCode);
        using (var qr = await client.PostAsync(new Uri("/dev/qr-codes", UriKind.Relative), new FormUrlEncodedContent([new("value", "100")])))
            Assert.False(qr.IsSuccessStatusCode);
    }

    [Fact]
    public async Task On_loopback_through_a_proxy_header_they_do_not_exist()
    {
        await using var factory = new RealAppFactory(await postgres.CreateDatabaseAsync("devproxy"), remoteAddress: RealAppFactory.Loopback);
        using var client = factory.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dev/signin-role")
        {
            Content = new FormUrlEncodedContent([new("name", "Mallory"), new("role", "admin")]),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9"); // a reverse proxy on this machine passing a camper's request on
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task On_loopback_every_page_shows_the_banner_and_a_roster_student_cannot_be_signed_in_by_name()
    {
        await using var factory = new RealAppFactory(await postgres.CreateDatabaseAsync("devlocal"), remoteAddress: RealAppFactory.Loopback);
        using var client = factory.NewClient();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var imported = await scope.ServiceProvider.GetRequiredService<RosterImporter>()
                .ApplyAsync(Encoding.UTF8.GetBytes("id,name,team\nS001,Wang Xiaoming,Red\n"), "test");
            Assert.Equal(1, imported.Created);
        }

        foreach (var path in new[] { "/signin", "/login", "/staff/signin", "/board" })
        {
            using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Contains("data-testid=\"dev-banner\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var name in new[] { "Wang Xiaoming", "wang xiaoming", "  Wang Xiaoming " })
        {
            using var student = await RealAppFactory.PostFormAsync(client, "/signin", "/signin", ("name", name));
            Assert.Equal(HttpStatusCode.Redirect, student.StatusCode);
            Assert.StartsWith("/signin?error=", student.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.False(student.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("camp.auth=", StringComparison.Ordinal)));
        }

        using var visitor = await RealAppFactory.PostFormAsync(client, "/signin", "/signin", ("name", "Visitor One"));
        Assert.Equal("/trade", visitor.Headers.Location?.OriginalString);
    }

    /// <summary>
    /// Runs the real binary, as an organizer would: WebApplicationFactory races its own test thread against the app's
    /// failed start (twice in CI it saw the disposed host instead of the validation error).
    /// </summary>
    [Fact]
    public async Task A_production_start_with_dev_sign_in_on_refuses_to_start_and_says_why_in_plain_words()
    {
        await using var app = AppProcess.Start(await postgres.CreateDatabaseAsync("devprod"),
            ("ASPNETCORE_ENVIRONMENT", "Production"), ("DOTNET_ENVIRONMENT", "Production"), ("Exchange__DevSignIn", "true"));
        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60)); // the deadline only ends a hung test: a start that did not refuse

        var output = app.Output();
        Assert.True(exitCode == 1, $"the app exited {exitCode}:\n{output}");
        Assert.Contains("The app will not start: Exchange:DevSignIn is true but the environment is Production", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal); // a plain reason, not a stack trace
        Assert.Contains("exist only in Development", output, StringComparison.Ordinal);
    }

    /// <summary>Both embedded clusters once had the same default port: a second app on the machine crashed with a stack trace.</summary>
    [Fact]
    public async Task A_start_whose_database_port_is_taken_says_so_in_plain_words()
    {
        var folder = Path.Combine(Path.GetTempPath(), "camp-taken-" + Guid.NewGuid().ToString("N"));
        var port = PostgresFixture.GetFreeTcpPort();
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        squatter.Start();
        try
        {
            await using var app = AppProcess.Start("", // no connection string: the app starts its own PostgreSQL
                ("ASPNETCORE_ENVIRONMENT", "Production"), ("DOTNET_ENVIRONMENT", "Production"), ("Exchange__DevSignIn", "false"),
                ("Database__EmbeddedDataDirectory", folder), ("Database__EmbeddedPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var exitCode = await app.WaitForExitAsync(TimeSpan.FromMinutes(2)); // the deadline only ends a hung test

            var output = app.Output();
            Assert.True(exitCode == 1, $"the app exited {exitCode}:\n{output}");
            Assert.Contains($"The app will not start: port {port} on 127.0.0.1", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_refused_start_stops_the_embedded_database_it_started()
    {
        var folder = Path.Combine(Path.GetTempPath(), "camp-refused-" + Guid.NewGuid().ToString("N"));
        var port = PostgresFixture.GetFreeTcpPort();
        try
        {
            await using var app = AppProcess.Start("", // no connection string: the app starts its own PostgreSQL
                ("ASPNETCORE_ENVIRONMENT", "Production"), ("DOTNET_ENVIRONMENT", "Production"), ("Exchange__DevSignIn", "true"),
                ("Database__EmbeddedDataDirectory", folder), ("Database__EmbeddedPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var exitCode = await app.WaitForExitAsync(TimeSpan.FromMinutes(2)); // the deadline only ends a hung test

            Assert.True(exitCode == 1, $"the app exited {exitCode}:\n{app.Output()}");
            Assert.Contains("Stopping PostgreSQL", app.Output(), StringComparison.Ordinal);
            using var probe = new System.Net.Sockets.TcpClient();
            await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync(System.Net.IPAddress.Loopback, port));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
