using System.Globalization;
using System.Threading.RateLimiting;
using CampTrading.Core.Engine;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Arcade;

/// <summary>
/// A fixed window per machine key (the whole header, so a wrong key guessed with a machine's id cannot use up that
/// machine's allowance); requests without a key share a window per client address. A refusal is a 429 problem.
/// </summary>
public sealed class ArcadeRateLimitPolicy(IOptions<ArcadeOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "arcade-api";
    private const int MaxKeyLength = 200;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await ArcadeProblems.WriteAsync(context.HttpContext, RejectCode.TooManyAttempts, "This machine key has made too many requests; wait for Retry-After seconds.");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var key = httpContext.Request.Headers[ArcadeApi.KeyHeader].ToString();
        var partition = key.Length is > 0 and <= MaxKeyLength
            ? "key:" + key
            : "ip:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var settings = options.Value;
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.RequestsPerWindow,
            Window = settings.Window,
            QueueLimit = 0,
        });
    }
}
