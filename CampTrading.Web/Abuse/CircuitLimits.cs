using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Claims;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Abuse;

/// <summary>Section <c>CircuitLimits</c>: how many live pages one person or one signed-out address may hold (decision 0038).</summary>
public sealed class CircuitLimitOptions
{
    public const string Section = "CircuitLimits";

    /// <summary>
    /// Circuits per signed-in account: every open tab, and for a few minutes each tab whose connection dropped (kept so the
    /// phone can come back to it). Far above what a person uses; it bounds what one account's script can make the server hold.
    /// </summary>
    [Range(1, 1_000_000)]
    public int PerAccount { get; set; } = 30;

    /// <summary>
    /// Circuits of signed-out visitors (the public board, a not-found page) per client address or IPv6 /64, kept ones
    /// included. Sign-in pages have no circuit, and this machine is not counted.
    /// </summary>
    [Range(1, 1_000_000)]
    public int PerSignedOutSource { get; set; } = 20;
}

/// <summary>Whose circuit it is, for counting: a signed-in account, or a signed-out visitor's address.</summary>
public readonly record struct CircuitOwner(string Key, bool SignedIn)
{
    /// <summary>Null for a signed-out visitor on this machine, who is not counted.</summary>
    public static CircuitOwner? Of(ClaimsPrincipal? user, IPAddress? address)
    {
        if (user?.Identity?.IsAuthenticated == true)
        {
            if (user.FindFirst(CampClaims.AccountId)?.Value is { } account) return new("account:" + account, true);
            if (user.FindFirst(StaffClaims.UserId)?.Value is { } staff) return new("staff:" + staff, true);
            if (user.Identity.Name is { } name) return new("name:" + name, true);
        }
        return address is null || IPAddress.IsLoopback(address) || address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4())
            ? null
            : new("source:" + ActionSource.FromAddress(address), false);
    }
}

/// <summary>
/// Counts circuits per <see cref="CircuitOwner"/>. A circuit is counted from the moment it opens until it is gone, whether
/// it closed, was evicted after its connection dropped, or failed.
/// </summary>
public sealed class CircuitCounts(IOptions<CircuitLimitOptions> options, ILogger<CircuitCounts> logger)
{
    private readonly OpenCounts _open = new();
    private readonly NowAndThen _warning = new(TimeSpan.FromSeconds(10));

    public int LimitOf(CircuitOwner owner) => owner.SignedIn ? options.Value.PerAccount : options.Value.PerSignedOutSource;

    public int Count(CircuitOwner owner) => _open.Count(owner.Key);

    public bool IsFull(CircuitOwner owner) => Count(owner) >= LimitOf(owner);

    /// <summary>Counts one more circuit for <paramref name="owner"/>, unless it already holds its limit.</summary>
    public bool TryOpen(CircuitOwner owner)
    {
        if (_open.TryOpen(owner.Key, LimitOf(owner))) return true;
        Refused(owner);
        return false;
    }

    public void Closed(CircuitOwner owner) => _open.Close(owner.Key);

    public void Refused(CircuitOwner owner)
    {
        if (!_warning.IsDue()) return;
#pragma warning disable CA1848, CA1873 // at most once per 10 s
        logger.LogWarning("Refused a new page for {Owner}: it already holds {Limit} open pages (CircuitLimits)", owner.Key, LimitOf(owner));
#pragma warning restore CA1848, CA1873
    }
}

/// <summary>
/// Refuses to start a circuit for an owner at its limit before the circuit exists: nothing is built and nothing is logged
/// per refusal. The page stays as it was prerendered, not live, with the app's error bar and the reason in the console.
/// </summary>
internal sealed class CircuitLimitsHubFilter(CircuitCounts circuits) : IHubFilter
{
    public const string Refusal = "Too many open pages: this account or address already holds its limit of live pages (CircuitLimits). Close other CampTrading tabs, then reload.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.HubMethodName == "StartCircuit"
            && CircuitOwner.Of(invocation.Context.User, invocation.Context.GetHttpContext()?.Connection.RemoteIpAddress) is { } owner
            && circuits.IsFull(owner))
        {
            circuits.Refused(owner);
            // blazor.web.js shows its error bar for JS.Error, as it does when a circuit above the limit is ended by the
            // handler; then it reads the missing circuit id as "the circuit did not start".
            await invocation.Hub.Clients.Caller.SendAsync("JS.Error", Refusal, invocation.Context.ConnectionAborted);
            return null;
        }
        return await next(invocation);
    }
}

/// <summary>
/// Counts the circuit against its owner when it opens and releases it when it goes. Circuits that start together can all
/// pass the hub filter's look; the count here is the one that holds: a circuit above the limit fails to open (its handler
/// throws), which ends it.
/// </summary>
internal sealed class CircuitLimitsHandler(CircuitCounts circuits, IHttpContextAccessor http) : CircuitHandler, IDisposable
{
    // Read when the circuit is created, inside the hub call that starts it: the same user and address the hub filter saw.
    private readonly CircuitOwner? _owner = CircuitOwner.Of(http.HttpContext?.User, http.HttpContext?.Connection.RemoteIpAddress);
    private CircuitOwner? _counted;
    private int _released;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_owner is not { } owner) return Task.CompletedTask;
        if (!circuits.TryOpen(owner)) throw new CircuitLimitException();
        _counted = owner;
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
        if (_counted is { } owner && Interlocked.Exchange(ref _released, 1) == 0) circuits.Closed(owner);
    }
}

public sealed class CircuitLimitException() : Exception("This account or address already holds its limit of open pages (CircuitLimits).");

public static class CircuitLimitsExtensions
{
    public static WebApplicationBuilder AddCircuitLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CircuitLimitOptions>().BindConfiguration(CircuitLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CircuitCounts>();
        builder.Services.AddScoped<CircuitHandler, CircuitLimitsHandler>();
        builder.Services.AddSignalR(options => options.AddFilter<CircuitLimitsHubFilter>());
        builder.Services.AddSingleton<CircuitLimitsHubFilter>();
        return builder;
    }
}
