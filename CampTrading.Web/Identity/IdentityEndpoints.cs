using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using CampTrading.Web.Infrastructure;

namespace CampTrading.Web.Identity;

public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            // It binds no form field, so nothing else checks the token: without this another site could sign campers out.
            try
            {
                if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            }
            catch (AntiforgeryValidationException) { return Results.BadRequest(); } // a form that cannot be read
            catch (BadHttpRequestException tooLarge) { return Results.StatusCode(tooLarge.StatusCode); }
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin");
        }).WithName("SignOut").AllowAnonymous().WithFormBodyLimit().ExcludeFromDescription();
        return app;
    }
}
