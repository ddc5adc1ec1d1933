using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CampTrading.Web.Abuse;

/// <summary>
/// Makes the circuit's client address the <see cref="ActionSource"/> of everything the circuit does. The address is read
/// when the circuit is created (inside the hub call that starts it, where the connection's HttpContext is available,
/// after the forwarded-headers middleware has put the real client address in it) and set for every inbound activity:
/// clicks, form submits, JS callbacks.
/// </summary>
public sealed class SourceCircuitHandler(IHttpContextAccessor http, Microsoft.Extensions.Options.IOptions<StudentLimitOptions> limits) : CircuitHandler
{
    private readonly string? _source = limits.Value.SourceOf(http.HttpContext?.Connection.RemoteIpAddress);

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using var scope = ActionSource.Use(_source);
            await next(context);
        };
}
