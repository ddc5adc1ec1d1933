using System.Security.Claims;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace CampTrading.Tests.Identity;

public sealed class StaffIdentityTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string GoodPassword = "correct horse battery";

    private async Task<StaffHost> HostAsync() => await StaffHost.StartAsync(await postgres.CreateDatabaseAsync("staff"));

    [Fact]
    public async Task The_store_creates_finds_updates_roles_and_deletes_against_postgres()
    {
        await using var host = await HostAsync();
        var users = host.Get<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "Mei.Lin", DisplayName = "林美" };
        Assert.True((await users.CreateAsync(user, GoodPassword)).Succeeded);
        Assert.False((await users.CreateAsync(new StaffUser { UserName = "mei.lin" }, GoodPassword)).Succeeded); // names are unique ignoring case

        var found = await users.FindByNameAsync("MEI.LIN");
        Assert.NotNull(found);
        Assert.Equal(user.Id, found.Id);
        Assert.Equal("林美", found.DisplayName);
        Assert.NotNull(found.SecurityStamp);
        Assert.True(found.LockoutEnabled);
        Assert.True(await users.CheckPasswordAsync(found, GoodPassword));
        Assert.Equal(found.Id, (await users.FindByIdAsync(found.Id.ToString()))!.Id);

        Assert.True((await users.AddToRoleAsync(found, CampRoles.PointManager)).Succeeded);
        Assert.True((await users.AddToRoleAsync(found, CampRoles.Announcer)).Succeeded);
        Assert.Equal([CampRoles.Announcer, CampRoles.PointManager], await users.GetRolesAsync(found));
        Assert.True(await users.IsInRoleAsync(found, CampRoles.PointManager));
        Assert.Single(await users.GetUsersInRoleAsync(CampRoles.Announcer));
        Assert.True((await users.RemoveFromRoleAsync(found, CampRoles.Announcer)).Succeeded);
        Assert.Equal([CampRoles.PointManager], await users.GetRolesAsync(found));

        found.DisplayName = "Mei";
        Assert.True((await users.UpdateAsync(found)).Succeeded);
        Assert.Equal("Mei", (await users.FindByIdAsync(found.Id.ToString()))!.DisplayName);

        // A stale copy cannot overwrite a newer one.
        var stale = user; // still carries the original concurrency stamp
        stale.DisplayName = "stale";
        Assert.False((await users.UpdateAsync(stale)).Succeeded);

        Assert.True((await users.DeleteAsync(found)).Succeeded);
        Assert.Null(await users.FindByNameAsync("mei.lin"));
    }

    [Theory]
    [InlineData("short-pass1", false)] // 11 characters
    [InlineData("twelve chars", true)]
    [InlineData("aaaaaaaaaaaa", false)] // too few distinct characters
    public async Task Passwords_need_at_least_twelve_characters(string password, bool accepted)
    {
        await using var host = await HostAsync();
        var result = await host.Get<StaffAccounts>().CreateAsync("test", "pw-user", null, CampRoles.Admin, password);
        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        await using var host = await HostAsync();
        Assert.True((await host.Get<StaffAccounts>().CreateAsync("test", "guard", null, CampRoles.QrCodeManager, GoodPassword)).Succeeded);
        var signIn = host.Get<StaffSignIn>();

        for (var i = 1; i <= 4; i++) Assert.IsType<StaffSignInResult.Invalid>(await signIn.CheckAsync("guard", "wrong password " + i));
        var locked = Assert.IsType<StaffSignInResult.LockedOut>(await signIn.CheckAsync("guard", "wrong password 5"));
        Assert.InRange(locked.Until, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));

        // The right password does not help while locked out; unlocking does.
        Assert.IsType<StaffSignInResult.LockedOut>(await signIn.CheckAsync("guard", GoodPassword));
        Assert.True((await host.Get<StaffAccounts>().UnlockAsync("test", "guard")).Succeeded);
        Assert.IsType<StaffSignInResult.Success>(await signIn.CheckAsync("guard", GoodPassword));
    }

    [Fact]
    public async Task A_successful_sign_in_carries_name_roles_and_security_stamp_and_a_reset_ends_it()
    {
        await using var host = await HostAsync();
        var accounts = host.Get<StaffAccounts>();
        Assert.True((await accounts.CreateAsync("test", "announcer1", "Ann", CampRoles.Announcer, GoodPassword)).Succeeded);
        var signIn = host.Get<StaffSignIn>();
        Assert.IsType<StaffSignInResult.Invalid>(await signIn.CheckAsync("nobody", GoodPassword));

        var principal = Assert.IsType<StaffSignInResult.Success>(await signIn.CheckAsync("announcer1", GoodPassword)).Principal;
        Assert.Equal("announcer1", principal.Identity!.Name);
        Assert.Equal([CampRoles.Announcer], principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.True(CampRoles.Allows(principal, Permission.CreateAnnouncement));
        Assert.False(CampRoles.Allows(principal, Permission.ManageUsers));
        Assert.True(await signIn.IsCurrentAsync(principal));

        var reset = await accounts.ResetPasswordAsync("test", "announcer1");
        Assert.True(reset.Succeeded);
        Assert.False(await signIn.IsCurrentAsync(principal)); // new security stamp: the old cookie is rejected
        Assert.IsType<StaffSignInResult.Invalid>(await signIn.CheckAsync("announcer1", GoodPassword));
        Assert.IsType<StaffSignInResult.Success>(await signIn.CheckAsync("announcer1", reset.Password));
    }

    [Fact]
    public async Task Every_staff_action_is_audited_and_the_last_admin_keeps_the_role()
    {
        await using var host = await HostAsync();
        var accounts = host.Get<StaffAccounts>();
        Assert.True((await accounts.CreateAsync("root", "boss", null, CampRoles.Admin, GoodPassword)).Succeeded);
        var created = await accounts.CreateAsync("boss", "helper", "Helper", CampRoles.PointManager);
        Assert.True(created.Succeeded);
        Assert.True(created.Password!.Length >= 20);
        Assert.True((await accounts.ChangeRoleAsync("boss", "helper", CampRoles.Announcer)).Succeeded);
        Assert.False((await accounts.ChangeRoleAsync("boss", "boss", CampRoles.Announcer)).Succeeded);
        Assert.True((await accounts.ResetPasswordAsync("boss", "helper")).Succeeded);
        Assert.True((await accounts.UnlockAsync("boss", "helper")).Succeeded);

        var log = await host.Get<AuditLog>().LatestAsync(10);
        Assert.Equal(["staff.unlock", "staff.reset-password", "staff.change-role", "staff.create", "staff.create"], log.Select(e => e.Action));
        Assert.All(log.Take(4), e => Assert.Equal("boss", e.Actor));
        Assert.Contains("announcer", log[2].Details, StringComparison.Ordinal);
        Assert.DoesNotContain(log, e => e.Details.Contains(created.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_command_creates_an_admin_whose_printed_password_works()
    {
        await using var host = await HostAsync();
        using var output = new StringWriter();
        Assert.Equal(0, await StaffAdminCommand.RunAsync(host.RootServices, ["admin", "create", "root"], output));
        var password = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.True(password.Length >= 20);
        Assert.True(await host.Get<StaffAccounts>().AdminExistsAsync());
        var principal = Assert.IsType<StaffSignInResult.Success>(await host.Get<StaffSignIn>().CheckAsync("root", password)).Principal;
        Assert.True(principal.IsInRole(CampRoles.Admin));

        using var again = new StringWriter();
        Assert.Equal(1, await StaffAdminCommand.RunAsync(host.RootServices, ["admin", "create", "root"], again)); // exists already

        using var reset = new StringWriter();
        Assert.Equal(0, await StaffAdminCommand.RunAsync(host.RootServices, ["admin", "reset-password", "root"], reset));
        var newPassword = reset.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.NotEqual(password, newPassword);
        Assert.IsType<StaffSignInResult.Invalid>(await host.Get<StaffSignIn>().CheckAsync("root", password));
        Assert.IsType<StaffSignInResult.Success>(await host.Get<StaffSignIn>().CheckAsync("root", newPassword));

        Assert.Equal(2, await StaffAdminCommand.RunAsync(host.RootServices, ["admin", "delete"], new StringWriter()));
    }

    [Fact]
    public void Generated_passwords_are_long_and_different()
    {
        var passwords = Enumerable.Range(0, 100).Select(_ => StaffAccounts.GeneratePassword()).ToList();
        Assert.All(passwords, p => Assert.True(p.Length >= 20));
        Assert.Equal(100, passwords.Distinct().Count());
    }

    [Fact]
    public void The_setup_gate_opens_for_loopback_or_the_token_only()
    {
        var setup = new FirstRunSetup();
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.9");
        var local = new DefaultHttpContext();
        local.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        var proxied = new DefaultHttpContext();
        proxied.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        proxied.Request.Headers["X-Forwarded-For"] = "203.0.113.9";

        Assert.True(setup.MayUse(local, null));
        Assert.False(setup.MayUse(remote, null));
        Assert.False(setup.MayUse(proxied, null));
        Assert.False(setup.MayUse(remote, "guess")); // no token issued yet
        var token = setup.IssueToken();
        Assert.Equal(token, setup.IssueToken());
        Assert.True(setup.MayUse(remote, token));
        Assert.False(setup.MayUse(remote, token + "x"));
        setup.Spend();
        Assert.False(setup.MayUse(remote, token));
    }
}
