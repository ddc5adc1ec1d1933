using CampTrading.Web.Backup;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Infrastructure.Postgres;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project CampTrading.Web -- admin …</c> / <c>-- backup …</c> / <c>-- restore …</c>: run one command against the
/// configured (or embedded) database and exit instead of serving.
/// </summary>
public static class OneShotCommands
{
    /// <summary>True when <paramref name="args"/> named a command, which has then run (its exit code set) and the app been disposed.</summary>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        Func<Task<int>>? command =
            StaffAdminCommand.IsCommand(args) ? () => StaffAdminCommand.RunAsync(app.Services, args, Console.Out)
            : BackupCommand.IsCommand(args) ? () => BackupCommand.RunAsync(app.Services, args, Console.Out)
            : null;
        if (command is null) return false;
        // A running app may be serving from the embedded server this command attached to: leave it running.
        app.Services.GetService<EmbeddedPostgres>()?.LeaveSharedServerRunning();
        Environment.ExitCode = await command();
        await app.DisposeAsync();
        return true;
    }
}
