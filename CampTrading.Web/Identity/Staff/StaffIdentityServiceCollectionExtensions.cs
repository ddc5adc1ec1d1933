using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace CampTrading.Web.Identity.Staff;

public static class StaffIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Staff identity: ASP.NET Core Identity over <see cref="StaffUserStore"/> (passwords of at least 12 characters, lockout for
    /// 15 minutes after 5 failures), the sign-in rate limit (<c>Staff:SignInPermitsPerMinute</c> per IP, default 10), the first-run
    /// setup gate, the audit log, and security-stamp validation of staff sign-ins on the app's one cookie.
    /// </summary>
    public static WebApplicationBuilder AddStaffIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<StaffUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddUserStore<StaffUserStore>()
            .AddSignInManager();
        services.AddScoped<StaffUserStore>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffSignIn>();
        services.AddSingleton<StaffDevices>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<FirstRunSetup>();
        services.AddHostedService<FirstRunSetupHostedService>();

        services.AddRateLimiter(options => options.AddPolicy<string, StaffSignInRateLimitPolicy>(StaffEndpoints.SignInRateLimit));

        // A staff sign-in ends when its security stamp changes (password reset, role change).
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
        {
            options.AccessDeniedPath = "/forbidden"; // a signed-in person without the permission (e.g. a student on /staff)
            var previous = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await previous(context);
                if (context.Principal?.FindFirst(StaffClaims.UserId) is null) return;
                var signIn = context.HttpContext.RequestServices.GetRequiredService<StaffSignIn>();
                if (!await signIn.IsCurrentAsync(context.Principal))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            };
        });
        return builder;
    }
}

/// <summary>
/// Fixed window per client IP on the staff sign-in and setup posts. A refusal writes its own 429 with a body, so the
/// status-code pages do not re-execute the POST.
/// </summary>
internal sealed class StaffSignInRateLimitPolicy(IConfiguration configuration) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("登入嘗試太頻繁，請一分鐘後再試。Too many sign-in attempts: try again in a minute.", cancellationToken);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
        Abuse.ActionSource.FromAddress(httpContext.Connection.RemoteIpAddress) ?? "unknown", // IPv6 by /64, as every source limit counts
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("Staff:SignInPermitsPerMinute", 10),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
