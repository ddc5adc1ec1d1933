using System.Security.Claims;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Identity.Students;
using CampTrading.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Identity;

/// <summary>
/// The circuit's authentication state, re-checked (SPEC §6): a student session whose stamp changed (reset login) or whose
/// account was disabled, and a staff session whose stamp changed (role or password change), turn anonymous — every
/// <see cref="StudentSignInOptions.SessionRevalidationInterval"/>, and before the next action
/// (<see cref="SessionCheckCircuitHandler"/>). Cookie validation does the same for HTTP requests.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<StudentSignInOptions> options, TimeProvider time)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>How long one check stands for a circuit's actions (a burst of clicks and render acks costs one check).</summary>
    private static readonly TimeSpan CheckFor = TimeSpan.FromSeconds(1);

    /// <summary>How long an unanswered check lets a circuit's actions through before asking the database again.</summary>
    private static readonly TimeSpan UnansweredPause = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger = loggerFactory.CreateLogger<SessionRevalidation>();
    private DateTimeOffset _checkedUntil;
    private bool _ended;

    // Every open circuit meets the same outage: one warning per 10 s for the whole process, not one per phone.
    private static readonly NowAndThen Warning = new(TimeSpan.FromSeconds(10));

    protected override TimeSpan RevalidationInterval => options.Value.SessionRevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        PeriodicCheckAsync(authenticationState.User, cancellationToken);

    /// <summary>
    /// The periodic check. A check the database cannot answer keeps the session until the next one: Blazor signs a circuit
    /// out for good when its check throws, and a database restart must not sign out every open phone.
    /// </summary>
    internal async Task<bool> PeriodicCheckAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckAsync(user, cancellationToken) ?? true;
        }
        catch (ObjectDisposedException)
        {
            return true; // the app is stopping and its services are gone; the circuit goes with it
        }
    }

    /// <summary><see cref="IsCurrentAsync"/>, or null when the database did not answer (unknown, which is not ended).</summary>
    private async Task<bool?> CheckAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            return await IsCurrentAsync(user, cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            if (Warning.IsDue())
                _logger.LogWarning(ex, "Could not check open circuits' sessions: the database did not answer. They stand, and are checked again shortly");
            return null;
        }
    }

    /// <summary>True while the principal's student or staff session is still current (an anonymous one always is).</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        // StudentSessions comes with the student sign-in (AddStudentSignIn); hosts without it have no student sessions.
        var students = scope.ServiceProvider.GetService<StudentSessions>();
        return (students is null || await students.IsCurrentAsync(user, cancellationToken))
            && await scope.ServiceProvider.GetRequiredService<StaffSignIn>().IsCurrentAsync(user);
    }

    /// <summary>
    /// Checks the circuit's user before an action; once the session is no longer current the circuit turns anonymous
    /// and stays so (false from then on).
    /// </summary>
    public async Task<bool> CheckBeforeActionAsync(CancellationToken cancellationToken = default)
    {
        if (_ended) return false;
        var now = time.GetUtcNow();
        if (now < _checkedUntil) return true;
        var state = await GetAuthenticationStateAsync();
        switch (await CheckAsync(state.User, cancellationToken))
        {
            case null:
                // The action goes ahead (one that needs the database fails on its own terms), and the question is asked
                // again after a pause, not by every render acknowledgement of the outage.
                _checkedUntil = now + UnansweredPause;
                return true;
            case true:
                _checkedUntil = now + CheckFor;
                return true;
        }
        _ended = true;
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        return false;
    }
}

/// <summary>
/// Runs <see cref="SessionRevalidation.CheckBeforeActionAsync"/> before every inbound circuit activity (clicks, form
/// submits, input, render acknowledgements): an ended session's action is dropped and the browser reloads, where cookie
/// validation signs it out. The check may wait for the database, so activities are handed on in arrival order
/// (<see cref="ArrivalOrder"/>).
/// </summary>
public sealed class SessionCheckCircuitHandler(AuthenticationStateProvider authentication, NavigationManager navigation) : CircuitHandler
{
    private readonly ArrivalOrder _order = new();

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => _order.RunAsync(
            () => authentication is SessionRevalidation sessions ? sessions.CheckBeforeActionAsync() : Task.FromResult(true),
            () => next(context),
            Reload);

    private void Reload()
    {
        try
        {
            navigation.NavigateTo("/login", forceLoad: true);
        }
        catch (InvalidOperationException)
        {
            // not attached to a browser (prerendering): nothing to reload
        }
    }
}
