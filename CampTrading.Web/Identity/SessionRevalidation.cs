using System.Security.Claims;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Identity.Students;
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
    private DateTimeOffset _checkedUntil;
    private bool _ended;

    protected override TimeSpan RevalidationInterval => options.Value.SessionRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            return await IsCurrentAsync(authenticationState.User, cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            return true; // the app is stopping and its services are gone; the circuit goes with it
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
        if (await IsCurrentAsync(state.User, cancellationToken))
        {
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
