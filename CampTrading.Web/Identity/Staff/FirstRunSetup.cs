using System.Security.Cryptography;

namespace CampTrading.Web.Identity.Staff;

/// <summary>
/// The first-run page's gate: open only while no admin exists, and only from this machine (loopback) or with the one-time
/// setup token that is printed to the log at startup when no admin exists.
/// </summary>
public sealed class FirstRunSetup
{
    private string? _token;

    /// <summary>Creates (once) and returns the one-time setup token.</summary>
    public string IssueToken()
    {
        var token = RandomNumberGenerator.GetHexString(32, lowercase: true);
        return Interlocked.CompareExchange(ref _token, token, null) ?? token;
    }

    public static bool IsLocal(HttpContext http) => Infrastructure.LoopbackRequest.IsLoopback(http);

    /// <summary>True when the request may use the setup page (the admin-exists check is separate).</summary>
    public bool MayUse(HttpContext http, string? token) => IsLocal(http) || TokenMatches(token);

    public bool TokenMatches(string? token)
    {
        var expected = Volatile.Read(ref _token);
        return expected is not null && token is not null
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(token));
    }

    /// <summary>The token is spent once the first admin exists.</summary>
    public void Spend() => Volatile.Write(ref _token, "spent:" + RandomNumberGenerator.GetHexString(32));
}

/// <summary>At startup (after migrations), when no admin exists, prints how to create the first one and the one-time setup token.</summary>
internal sealed class FirstRunSetupHostedService(IServiceProvider services, FirstRunSetup setup, IHostEnvironment environment,
    ILogger<FirstRunSetupHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AdminExistsAsync(cancellationToken)) return;
        var token = setup.IssueToken();
#pragma warning disable CA1848, CA1873 // once per start
        logger.LogWarning(
            "No admin exists yet. Create the first one at /setup from this machine, or from elsewhere at /setup?token={Token} (one-time setup token), " +
            "or run: {Command}", token, AdminCreateCommand(environment));
#pragma warning restore CA1848, CA1873
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The command that creates an admin in this app's database: run the same way as the app, or it reaches another
    /// database (the Development run keeps its own embedded cluster).
    /// </summary>
    internal static string AdminCreateCommand(IHostEnvironment environment) =>
        environment.IsDevelopment()
            ? "dotnet run --project CampTrading.Web -- admin create <username>"
            : $"ASPNETCORE_ENVIRONMENT={environment.EnvironmentName} dotnet run -c Release --project CampTrading.Web --no-launch-profile -- admin create <username> " +
              "(from a published app or its container: dotnet CampTrading.Web.dll admin create <username>)";
}
