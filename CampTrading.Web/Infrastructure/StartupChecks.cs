using CampTrading.Web.Infrastructure.Postgres;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// Runs the settings checks (<c>ValidateOnStart</c>) before the host starts, so that an organizer with a wrong setting reads
/// what is wrong in plain lines (standard error) and gets exit code 1, instead of the host's "Hosting failed to start" with a stack trace
/// and an abort (134).
/// </summary>
public static class StartupChecks
{
    /// <summary>True when a setting is wrong: the reasons are written, the exit code set and the app disposed.</summary>
    public static async Task<bool> RefuseToStartAsync(WebApplication app)
    {
        var failures = Failures(app.Services);
        if (failures.Count == 0) return false;

        foreach (var failure in failures)
            await Console.Error.WriteLineAsync("The app will not start: " + failure);
        Environment.ExitCode = 1;
        // The embedded PostgreSQL this start brought up stops with the app (one that a running app started stays).
        app.Services.GetService<EmbeddedPostgres>()?.LeaveSharedServerRunning();
        await app.DisposeAsync();
        return true;
    }

    private static List<string> Failures(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException invalid)
        {
            return [.. invalid.Failures];
        }
        catch (AggregateException several) when (several.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return [.. several.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)];
        }
    }
}
