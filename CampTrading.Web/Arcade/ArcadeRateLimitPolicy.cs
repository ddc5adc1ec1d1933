using System.Globalization;
using System.Threading.RateLimiting;
using CampTrading.Core.Engine;
using CampTrading.Web.Abuse;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Arcade;

/// <summary>
/// A fixed window per machine for requests with the machine's right key; every other request (no key, a malformed,
/// made-up, wrong or revoked key) counts against one smaller window per client address, however many different keys
/// it presents — so guessing cannot mint fresh windows, and a stranger's wrong keys never use up a machine's allowance.
/// The key is checked in memory (<see cref="ArcadeKeyDirectory"/>), never through the engine. A refusal is a 429 problem.
/// </summary>
public sealed class ArcadeRateLimitPolicy(IOptions<ArcadeOptions> options, ArcadeKeyDirectory keys) : IRateLimiterPolicy<string>
{
    public const string Name = "arcade-api";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await ArcadeProblems.WriteAsync(context.HttpContext, RejectCode.TooManyAttempts,
            "Too many requests from this machine, or with wrong keys from this address; wait for Retry-After seconds.");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var settings = options.Value;
        var auth = keys.Authenticate(httpContext);
        var (partition, limit) = auth.IsOk
            ? ("machine:" + auth.Id.ToString(CultureInfo.InvariantCulture), settings.RequestsPerWindow)
            : ("failures:" + (ActionSource.FromAddress(httpContext.Connection.RemoteIpAddress) ?? "unknown"), settings.WrongKeysPerWindow);
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = settings.Window,
            QueueLimit = 0,
        });
    }
}
