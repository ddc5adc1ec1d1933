using CampTrading.Web.Identity.Students;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CampTrading.Web.Identity;

public static class IdentityServiceCollectionExtensions
{
    public static WebApplicationBuilder AddIdentityServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = SignInPaths.Student;
                options.LogoutPath = "/signout";
                options.Cookie.Name = "camp.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromDays(7);
                options.SlidingExpiration = true;
                var redirectToSignIn = options.Events.OnRedirectToLogin;
                options.Events.OnRedirectToLogin = context =>
                {
                    var asked = context.Request.Path + context.Request.QueryString;
                    if (SignInPaths.For(asked) == SignInPaths.Staff)
                        context.RedirectUri = context.Request.PathBase + SignInPaths.ReturningTo(asked);
                    return redirectToSignIn(context);
                };
                // A student session ends when its stamp changes (reset login) or the account is disabled.
                options.Events.OnValidatePrincipal = async context =>
                {
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<StudentSessions>();
                    if (await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted)) return;
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                };
            });
        builder.Services.AddAuthorization(options => options.AddPermissionPolicies());
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        builder.Services.AddScoped<CircuitHandler, SessionCheckCircuitHandler>();
        return builder;
    }
}
