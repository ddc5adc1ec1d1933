using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Abuse;

/// <summary>Section <c>CircuitLimits</c>: how many live pages one signed-in person may hold (decision 0038).</summary>
public sealed class CircuitLimitOptions
{
    public const string Section = "CircuitLimits";

    /// <summary>
    /// Circuits per account: every open tab, and for a few minutes each tab whose connection dropped (kept so the phone can
    /// come back to it). Far above what a person uses; it bounds what one account's script can make the server hold.
    /// </summary>
    [Range(1, 1_000_000)]
    public int PerAccount { get; set; } = 30;
}

/// <summary>
/// Counts each account's circuits. A circuit is counted from the moment it opens until it is gone, whether it closed, was
/// evicted after its connection dropped, or failed; a signed-out visitor's circuits are bounded per address instead
/// (<see cref="SourceConnectionLimiter"/>).
/// </summary>
public sealed class AccountCircuits(IOptions<CircuitLimitOptions> options, ILogger<AccountCircuits> logger)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly NowAndThen _warning = new(TimeSpan.FromSeconds(10));

    /// <summary>The account a principal's circuits count against; null for a signed-out visitor.</summary>
    public static string? KeyOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return null;
        if (user.FindFirst(CampClaims.AccountId)?.Value is { } account) return "account:" + account;
        if (user.FindFirst(StaffClaims.UserId)?.Value is { } staff) return "staff:" + staff;
        return user.Identity.Name is { } name ? "name:" + name : null;
    }

    public int Count(string key)
    {
        lock (_open) return _open.GetValueOrDefault(key);
    }

    public bool IsFull(string key) => Count(key) >= options.Value.PerAccount;

    /// <summary>Counts one more circuit for <paramref name="key"/>, unless it already holds the limit.</summary>
    public bool TryOpen(string key)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(key);
            if (open < options.Value.PerAccount)
            {
                _open[key] = open + 1;
                return true;
            }
        }
        Refused(key);
        return false;
    }

    public void Closed(string key)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(key);
            if (open <= 1) _open.Remove(key);
            else _open[key] = open - 1;
        }
    }

    public void Refused(string key)
    {
        if (!_warning.IsDue()) return;
#pragma warning disable CA1848, CA1873 // at most once per 10 s
        logger.LogWarning("Refused a new page for {Account}: it already holds {Limit} open pages (CircuitLimits:PerAccount)", key, options.Value.PerAccount);
#pragma warning restore CA1848, CA1873
    }
}

/// <summary>
/// Refuses to start a circuit for an account at its limit before the circuit exists: nothing is built and nothing is logged
/// per refusal; the page stays as it was prerendered, and not live.
/// </summary>
internal sealed class AccountCircuitsHubFilter(AccountCircuits circuits) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.HubMethodName == "StartCircuit" && AccountCircuits.KeyOf(invocation.Context.User) is { } key && circuits.IsFull(key))
        {
            circuits.Refused(key);
            return ValueTask.FromResult<object?>(null); // blazor.web.js reads a missing circuit id as "the circuit did not start"
        }
        return next(invocation);
    }
}

/// <summary>
/// Counts the circuit against its account when it opens and releases it when it goes. Circuits that start together can all
/// pass the hub filter's look; the count here is the one that holds: a circuit above the limit fails to open, which ends it.
/// </summary>
internal sealed class AccountCircuitHandler(AccountCircuits circuits, IHttpContextAccessor http) : CircuitHandler, IDisposable
{
    // Read when the circuit is created, inside the hub call that starts it: the same user the hub filter saw.
    private readonly string? _key = AccountCircuits.KeyOf(http.HttpContext?.User);
    private string? _counted;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_key is null) return Task.CompletedTask;
        if (!circuits.TryOpen(_key)) throw new CircuitLimitException();
        _counted = _key;
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    public void Dispose() => Release(); // the circuit's scope ends even if a closing handler before this one threw

    private void Release()
    {
        if (Interlocked.Exchange(ref _counted, null) is { } key) circuits.Closed(key);
    }
}

public sealed class CircuitLimitException() : Exception("This account already holds its limit of open pages (CircuitLimits:PerAccount).");

public static class CircuitLimitsExtensions
{
    public static WebApplicationBuilder AddCircuitLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CircuitLimitOptions>().BindConfiguration(CircuitLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AccountCircuits>();
        builder.Services.AddScoped<CircuitHandler, AccountCircuitHandler>();
        builder.Services.AddSignalR(options => options.AddFilter<AccountCircuitsHubFilter>());
        builder.Services.AddSingleton<AccountCircuitsHubFilter>();
        return builder;
    }
}
