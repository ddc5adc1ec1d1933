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
/// Checks a staff username and password (Identity's password hasher; lockout after <c>Lockout.MaxFailedAccessAttempts</c> wrong
/// passwords, counted atomically in the database so concurrent attempts each count) and builds
/// the principal for the app's one cookie scheme: Name, one Role claim per role, the staff id and the security stamp.
/// </summary>
public sealed class StaffSignIn(UserManager<StaffUser> users, StaffUserStore store, IOptions<IdentityOptions> options)
{
    public async Task<StaffSignInResult> CheckAsync(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 256
            || !Infrastructure.PlainText.IsPlain(userName))
            return new StaffSignInResult.Invalid();
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            // Same work as a wrong password, so response time does not tell which usernames exist.
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DummyHash, password);
            return new StaffSignInResult.Invalid();
        }
        var now = DateTimeOffset.UtcNow;
        if (user.LockoutEnabled && user.LockoutEnd > now) return new StaffSignInResult.LockedOut(user.LockoutEnd.Value);

        var verified = user.PasswordHash is not null
            && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            var lockout = options.Value.Lockout;
            var lockedUntil = await store.RecordFailedSignInAsync(user.Id, lockout.MaxFailedAccessAttempts, now.Add(lockout.DefaultLockoutTimeSpan));
            return lockedUntil > now ? new StaffSignInResult.LockedOut(lockedUntil.Value) : new StaffSignInResult.Invalid();
        }
        if (!await store.ClearFailuresUnlessLockedOutAsync(user.Id, now))
        {
            var fresh = await users.FindByIdAsync(user.Id.ToString()) ?? user;
            return new StaffSignInResult.LockedOut(fresh.LockoutEnd ?? now.Add(options.Value.Lockout.DefaultLockoutTimeSpan));
        }
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
