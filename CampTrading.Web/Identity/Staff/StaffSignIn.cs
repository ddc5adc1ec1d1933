using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Identity.Staff;

/// <summary>The outcome of a staff password check.</summary>
public abstract record StaffSignInResult
{
    public sealed record Success(ClaimsPrincipal Principal) : StaffSignInResult;
    public sealed record LockedOut(DateTimeOffset Until) : StaffSignInResult;
    public sealed record Invalid : StaffSignInResult;
}

/// <summary>
/// Checks a staff username and password with <see cref="SignInManager{TUser}.CheckPasswordSignInAsync"/> (lockout on) and builds
/// the principal for the app's one cookie scheme: Name, one Role claim per role, the staff id and the security stamp.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signInManager, UserManager<StaffUser> users, IOptions<IdentityOptions> options)
{
    public async Task<StaffSignInResult> CheckAsync(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 256)
            return new StaffSignInResult.Invalid();
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            // Same work as a wrong password, so response time does not tell which usernames exist.
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DummyHash, password);
            return new StaffSignInResult.Invalid();
        }
        var result = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var fresh = await users.FindByIdAsync(user.Id.ToString()) ?? user;
            return new StaffSignInResult.LockedOut(fresh.LockoutEnd ?? DateTimeOffset.UtcNow.Add(options.Value.Lockout.DefaultLockoutTimeSpan));
        }
        if (!result.Succeeded) return new StaffSignInResult.Invalid();
        return new StaffSignInResult.Success(await CreatePrincipalAsync(user));
    }

    public async Task<ClaimsPrincipal> CreatePrincipalAsync(StaffUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(StaffClaims.UserId, user.Id.ToString()),
            new(options.Value.ClaimsIdentity.SecurityStampClaimType, user.SecurityStamp ?? ""),
        };
        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>True while the principal is not a staff sign-in, or its security stamp still matches the stored one.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        if (principal.FindFirst(StaffClaims.UserId)?.Value is not { } id) return true;
        var user = await users.FindByIdAsync(id);
        return user is not null
            && string.Equals(user.SecurityStamp, principal.FindFirst(options.Value.ClaimsIdentity.SecurityStampClaimType)?.Value, StringComparison.Ordinal);
    }

    private static readonly string DummyHash = new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), "not-a-real-password-" + Guid.NewGuid());
}
