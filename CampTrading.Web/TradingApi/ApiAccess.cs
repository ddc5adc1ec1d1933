using System.Globalization;
using CampTrading.Web.Abuse;
using CampTrading.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.TradingApi;

/// <summary>Endpoint metadata: the scope a private operation needs.</summary>
public sealed record RequiresScope(ApiScopes Scope);

/// <summary>
/// The gates in front of every <c>/api/v1</c> operation, in order: the camp-wide switch (503 api_disabled); then for
/// private operations the bearer token (401, with a per-address allowance of bad tokens), its scope (403 scope_missing)
/// and the token's and student's buckets (429 rate_limited with Retry-After). Private answers carry
/// <c>X-RateLimit-Limit/Remaining/Reset</c>; the caller is put on the request (<see cref="CallerOf"/>).
/// </summary>
public sealed class ApiAccess(ApiSwitch apiSwitch, ApiTokenDirectory tokens, ApiRateLimiter limiter, IOptions<TradingApiOptions> options,
    ApiMetrics metrics) : IDisposable
{
    private readonly FailureLimiter<string> _badTokens = new(options.Value.BadTokensPerMinute, TimeSpan.FromMinutes(1));

    public static ApiCaller CallerOf(HttpContext http) =>
        http.Features.Get<ApiCaller>() ?? throw new InvalidOperationException("The private API ran without its access filter.");

    public async ValueTask<object?> SwitchAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!await apiSwitch.IsEnabledAsync(context.HttpContext.RequestAborted))
            return ApiProblems.For(ApiCodes.ApiDisabled, "Staff have switched the trading API off for now; the web page still works.");
        return await next(context);
    }

    public async ValueTask<object?> PrivateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        string? token = null;
        http.Response.OnCompleted(() =>
        {
            metrics.Request(token, http.Response.StatusCode);
            return Task.CompletedTask;
        });
        var address = ActionSource.FromAddress(http.Connection.RemoteIpAddress) ?? "unknown";
        // Check-then-count, not an in-flight reservation: a token is a 256-bit secret nobody can guess, so a few
        // concurrent wrong ones past the limit cost nothing, while reserving would refuse a busy bot's good requests.
        if (_badTokens.IsLockedOut(address))
            return ApiProblems.RateLimited(60, "Too many requests with bad tokens from this address; wait for Retry-After seconds.");

        var presented = ApiTokens.FromAuthorization(http.Request.Headers.Authorization.ToString());
        var (caller, refusal) = await tokens.AuthenticateAsync(presented, http.RequestAborted);
        token = caller?.Token.PublicId; // a token that exists, never a presented string (ApiMetrics bounds its series)
        if (caller is null)
        {
            if (refusal == ApiCodes.TokenInvalid) _badTokens.RecordFailure(address);
            return ApiProblems.For(refusal!, refusal switch
            {
                ApiCodes.TokenRevoked => "This token was revoked; create a new one on the API tokens page.",
                ApiCodes.TokenExpired => "This token has expired; create a new one on the API tokens page.",
                _ when refusal == ApiCodes.AccountDisabled => "The student's account is disabled.",
                _ when presented is null => "Send the token as `Authorization: Bearer ctk_…`.",
                _ => "The bearer token is not a valid token.",
            });
        }

        var needed = http.GetEndpoint()?.Metadata.GetMetadata<RequiresScope>()?.Scope ?? ApiScopes.Read;
        if ((caller.Token.Scopes & needed) != needed)
            return ApiProblems.For(ApiCodes.ScopeMissing, $"This operation needs the '{ApiTokens.ScopesText(needed)}' scope; the token has '{ApiTokens.ScopesText(caller.Token.Scopes)}'.");

        var decision = limiter.TryAcquire(caller.Token.Id, caller.AccountId);
        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        if (!decision.Allowed)
        {
            metrics.RateLimited(caller.Token.PublicId);
            return ApiProblems.RateLimited(decision.RetryAfterSeconds,
                $"At most {options.Value.TokenBurst} requests at once and {options.Value.TokenRequestsPerSecond}/s per token ({options.Value.StudentBurst} and {options.Value.StudentRequestsPerSecond}/s per student).");
        }

        http.Features.Set(caller);
        return await next(context);
    }

    public void Dispose() => _badTokens.Dispose();
}
