using CampTrading.Web.Infrastructure.Postgres;

namespace CampTrading.Web.Identity.Staff;

/// <summary>
/// <c>dotnet run --project CampTrading.Web -- admin create &lt;username&gt;</c> and <c>admin reset-password &lt;username&gt;</c>: run against
/// the configured (or embedded) database, print a generated password once, and exit.
/// </summary>
public static class StaffAdminCommand
{
    public const string Forms = "admin create <username> | admin reset-password <username>";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args is not ["admin", var verb, var userName] || verb is not ("create" or "reset-password"))
        {
            await output.WriteLineAsync($"usage: {Forms}");
            return 2;
        }
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var result = verb == "create"
            ? await accounts.CreateAsync("cli", userName, userName, CampRoles.Admin)
            : await accounts.ResetPasswordAsync("cli", userName);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"admin {verb} {userName} failed: {string.Join(" ", result.Errors)}");
            return 1;
        }
        await output.WriteLineAsync(verb == "create" ? $"Created admin '{userName}'." : $"New password for '{userName}'.");
        await output.WriteLineAsync("Password (shown only now, store it safely):");
        await output.WriteLineAsync(result.Password);
        return 0;
    }
}
