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
public sealed class StaffSignIn(UserManager<StaffUser> users, StaffUserStore store, StaffDevices devices, IOptions<IdentityOptions> options)
{
    /// <param name="rememberedUser">The staff member this browser signed in as before (<see cref="StaffDevices"/>): for them
    /// a lockout that wrong passwords from elsewhere caused does not apply, only this browser's own failure limit.</param>
    public async Task<StaffSignInResult> CheckAsync(string? userName, string? password, Guid? rememberedUser = null)
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
        if (rememberedUser == user.Id && devices.TryBeginAttempt(user.Id) is { } attempt)
            return await CheckFromRememberedBrowserAsync(user, password, attempt);

        var now = DateTimeOffset.UtcNow;
        if (user.LockoutEnabled && user.LockoutEnd > now) return new StaffSignInResult.LockedOut(user.LockoutEnd.Value);

        if (!Verifies(user, password))
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

    private async Task<StaffSignInResult> CheckFromRememberedBrowserAsync(StaffUser user, string password, Infrastructure.FailureAttempt attempt)
    {
        using (attempt)
        {
            if (!Verifies(user, password))
            {
                attempt.Failed();
                return new StaffSignInResult.Invalid();
            }
        }
        await store.ClearFailuresUnlessLockedOutAsync(user.Id, DateTimeOffset.UtcNow); // a lockout caused elsewhere stays for other browsers
        return new StaffSignInResult.Success(await CreatePrincipalAsync(user));
    }

    private bool Verifies(StaffUser user, string password) => user.PasswordHash is not null
        && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

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
