using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CampTrading.Web.Staff.Console;

/// <summary>The open Blazor circuits and who is signed in on each, for the dashboard's live-users count.</summary>
public sealed class CircuitTracker
{
    private readonly ConcurrentDictionary<string, string?> _circuits = new();

    public int OpenCircuits => _circuits.Count;

    /// <summary>Distinct signed-in people with at least one open circuit.</summary>
    public int ActiveUsers => _circuits.Values.Where(name => name is not null).Distinct(StringComparer.Ordinal).Count();

    public void Opened(string circuitId, string? user) => _circuits[circuitId] = user;

    public void Closed(string circuitId) => _circuits.TryRemove(circuitId, out _);
}

/// <summary>Scoped per circuit, so it can read the circuit's user when the circuit opens.</summary>
public sealed class TrackingCircuitHandler(CircuitTracker tracker, AuthenticationStateProvider authentication) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        string? user = null;
        try
        {
            var state = await authentication.GetAuthenticationStateAsync();
            if (state.User.Identity?.IsAuthenticated == true) user = state.User.Identity.Name;
        }
        catch (InvalidOperationException)
        {
            // The authentication state is not set yet on some circuits; count the circuit without a user.
        }
        tracker.Opened(circuit.Id, user);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        tracker.Closed(circuit.Id);
        return Task.CompletedTask;
    }
}
