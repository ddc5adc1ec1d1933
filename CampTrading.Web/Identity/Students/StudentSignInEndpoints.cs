using System.Threading.RateLimiting;
using CampTrading.Web.Abuse;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Identity.Students;

/// <summary>
/// Student sign-in (SPEC §6): the private secret (its first use sets the PIN; then secret + PIN) at <c>/login</c>, one-time links at
/// <c>/login/link/{token}</c>, the Telegram Login Widget at <c>/login/telegram</c>. Every sign-in endpoint is
/// rate limited per client IP (policy <see cref="RateLimitPolicy"/>, usable by other sign-in endpoints too).
/// </summary>
public static class StudentSignInEndpoints
{
    public const string RateLimitPolicy = "signin";

    public static WebApplicationBuilder AddStudentSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StudentSignInOptions>().Bind(builder.Configuration.GetSection(StudentSignInOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.LoginLinkLifetime > TimeSpan.Zero && o.PinFailureWindow > TimeSpan.Zero && o.SignInWindow > TimeSpan.Zero
                && o.FreshSignInWindow > TimeSpan.Zero && o.SessionRevalidationInterval > TimeSpan.Zero,
                "Students: lifetimes and windows must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<TelegramLoginOptions>().Bind(builder.Configuration.GetSection(TelegramLoginOptions.Section))
            .Validate(o => o.LoginMaxAge > TimeSpan.Zero && o.AllowedClockSkew >= TimeSpan.Zero, "Telegram:LoginMaxAge must be positive.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StudentSignInService>();
        builder.Services.AddSingleton<LoginLinkService>();
        builder.Services.AddSingleton<TelegramLoginVerifier>();
        builder.Services.AddSingleton<TelegramLinkService>();
        builder.Services.AddSingleton<TelegramLoginReplays>();
        builder.Services.AddSingleton<StudentSessions>();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, SignInRateLimitPolicy>(RateLimitPolicy));
        return builder;
    }

    public static IEndpointRouteBuilder MapStudentSignInEndpoints(this IEndpointRouteBuilder app)
    {
        var login = app.MapGroup("/login").RequireRateLimiting(RateLimitPolicy).ExcludeFromDescription();
        login.MapPost("", SignInWithCodeAsync).WithName("StudentCodeSignIn").AllowAnonymous();
        login.MapPost("/link", SignInWithLinkAsync).WithName("StudentLinkSignIn").AllowAnonymous();
        login.MapGet("/telegram", SignInWithTelegramAsync).WithName("StudentTelegramSignIn").AllowAnonymous();
        // Its own route: the /login/pin page also answers POSTs (Blazor form handling), which would shadow this endpoint.
        login.MapPost("/pin/set", SetPinAsync).WithName("StudentSetPin").RequireAuthorization(nameof(Permission.ViewOwnData));
        return app;
    }

    private static async Task<IResult> SignInWithCodeAsync(HttpContext http, StudentSignInService signIn, StudentSessions sessions,
        [FromForm] string? code, [FromForm] string? pin, [FromForm] string? returnUrl)
    {
        var result = await signIn.CheckCodeAsync(code, pin, SourceOf(http), http.RequestAborted);
        var normalized = Uri.EscapeDataString(RegistrationCodes.Normalize(code));
        var back = IsLocal(returnUrl) ? "&returnUrl=" + Uri.EscapeDataString(returnUrl!) : "";
        // A refused code stays in the field (as typed, normalized), so a typo is fixed rather than typed again.
        var typed = normalized.Length is > 0 and <= 40 ? "/login/" + normalized : "/login";
        switch (result.Status)
        {
            case CodeSignInStatus.SignedIn:
                await sessions.SignInCookieAsync(http, result.Student!);
                return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/trade");
            case CodeSignInStatus.ChoosePin:
                return Results.LocalRedirect($"/login/{normalized}?pin=new{back}");
            case CodeSignInStatus.PinRejected:
                return Results.LocalRedirect($"/login/{normalized}?pin=new&error=pin_rules{back}");
            case CodeSignInStatus.PinRequired:
                return Results.LocalRedirect($"/login/{normalized}?pin=required{back}");
            case CodeSignInStatus.WrongPin:
                return Results.LocalRedirect($"/login/{normalized}?pin=required&error=wrong_pin{back}");
            case CodeSignInStatus.TooManyAttempts:
                return Results.LocalRedirect("/login?error=too_many" + back);
            case CodeSignInStatus.UseTelegram:
                return Results.LocalRedirect("/login?error=use_telegram" + back);
            case CodeSignInStatus.Disabled:
                return Results.LocalRedirect("/login?error=disabled" + back);
            default:
                return Results.LocalRedirect(typed + "?error=unknown_code" + back);
        }
    }

    private static async Task<IResult> SignInWithLinkAsync(HttpContext http, LoginLinkService links, StudentStore students, StudentSessions sessions,
        [FromForm] string? token)
    {
        if (await links.ConsumeAsync(token, http.RequestAborted) is not int accountId
            || await students.FindByAccountAsync(accountId, http.RequestAborted) is not { } student)
            return Results.LocalRedirect("/login?error=link_invalid");
        if (!sessions.IsEnabled(student.AccountId)) return Results.LocalRedirect("/login?error=disabled");
        await sessions.SignInCookieAsync(http, student);
        return Results.LocalRedirect("/trade");
    }

    private static async Task<IResult> SignInWithTelegramAsync(HttpContext http, TelegramLoginVerifier verifier, TelegramLoginReplays replays,
        StudentStore students, StudentSessions sessions)
    {
        var fields = http.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()));
        var check = verifier.Verify(fields);
        if (!check.IsValid) return Results.LocalRedirect("/login?error=telegram_invalid");
        if (!await replays.TryUseAsync(http.Request.Query["hash"].ToString(), http.RequestAborted))
            return Results.LocalRedirect("/login?error=telegram_invalid");
        if (await students.FindByTelegramAsync(check.TelegramUserId, http.RequestAborted) is not { } student)
            return Results.LocalRedirect("/login?error=telegram_unlinked");
        if (!sessions.IsEnabled(student.AccountId)) return Results.LocalRedirect("/login?error=disabled");
        await sessions.SignInCookieAsync(http, student);
        return Results.LocalRedirect("/trade");
    }

    private static async Task<IResult> SetPinAsync(HttpContext http, StudentSignInService signIn,
        [FromForm] string? currentPin, [FromForm] string? pin, [FromForm] string? returnUrl)
    {
        var target = IsLocal(returnUrl) ? returnUrl! : "/trade";
        if (CampClaims.AccountIdOf(http.User) is not int accountId) return Results.LocalRedirect("/login");
        var problem = await signIn.SetPinAsync(accountId, currentPin, pin, CampClaims.SignedInAtOf(http.User), http.RequestAborted);
        return Results.LocalRedirect(problem is null
            ? target
            : $"/login/pin?error={(PinRules.Check(pin) is null ? "current" : "rules")}&returnUrl={Uri.EscapeDataString(target)}");
    }

    /// <summary>The per-source key of a web sign-in attempt: the client's address (behind the configured proxies).</summary>
    internal static string SourceOf(HttpContext http) => "ip:" + (ActionSource.FromAddress(http.Connection.RemoteIpAddress) ?? "unknown"); // IPv6 by /64

    internal static bool IsLocal(string? url) => Infrastructure.LocalUrl.IsLocal(url);
}

/// <summary>
/// Fixed window per client IP. A refusal writes its own 429 body, so the app's status-code pages leave it alone
/// (re-executing a refused POST would run the sign-in endpoint after all).
/// </summary>
internal sealed class SignInRateLimitPolicy(IOptions<StudentSignInOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("登入嘗試太頻繁，請稍後再試。Too many sign-in attempts: try again in a minute.", cancellationToken);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(ActionSource.FromAddress(httpContext.Connection.RemoteIpAddress) ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInPermitsPerWindow,
            Window = options.Value.SignInWindow,
            QueueLimit = 0,
        });
}
