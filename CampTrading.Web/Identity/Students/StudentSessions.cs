using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using CampTrading.Core.Accounts;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CampTrading.Web.Identity.Students;

/// <summary>
/// Student sessions that can be taken back (SPEC §6): the cookie carries the student's security stamp, and every
/// request (cookie validation) and circuit action (<see cref="SessionRevalidation"/>) asks <see cref="IsCurrentAsync"/>
/// whether the stamp still matches and the account is still enabled. Reset login and disable rotate the stamp
/// (<see cref="EndAllAsync"/>). Stored stamps are cached for a few seconds; rotations in this process evict at once.
/// </summary>
public sealed class StudentSessions(StudentStore students, ExchangeService exchange, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<int, (string? Stamp, DateTimeOffset Until)> _stamps = new();

    /// <summary>False once staff disabled the account (the engine's read model).</summary>
    public bool IsEnabled(int accountId) =>
        exchange.Market.Account(accountId) is not { } account || (account.Restrictions & AccountRestrictions.Disabled) == 0;

    public ClaimsPrincipal CreatePrincipal(Student student)
    {
        ArgumentNullException.ThrowIfNull(student);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, student.Name),
            new Claim(CampClaims.AccountId, student.AccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Role, CampRoles.Student),
            new Claim(CampClaims.StudentStamp, student.SecurityStamp),
            new Claim(CampClaims.SignedInAt, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Issues the shared cookie for a student: Name, camp:account, the student role, the stamp and the sign-in time.</summary>
    public Task SignInCookieAsync(HttpContext http, Student student) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, CreatePrincipal(student));

    /// <summary>
    /// True while the principal may act: not a student session, or a student whose account is enabled and whose stamp
    /// matches the stored one. A roster student's cookie without a stamp (issued before stamps existed) is not current.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken = default)
    {
        if (principal?.Identity?.IsAuthenticated != true || principal.FindFirst(StaffClaims.UserId) is not null) return true;
        if (CampClaims.AccountIdOf(principal) is not int accountId) return true;
        if (!IsEnabled(accountId)) return false;
        var presented = principal.FindFirst(CampClaims.StudentStamp)?.Value;
        var stored = await StoredStampAsync(accountId, cancellationToken);
        return stored is null
            ? presented is null // not a roster student (Development sign-in by name): nothing to compare
            : string.Equals(stored, presented, StringComparison.Ordinal);
    }

    /// <summary>Ends every session of the student now (a new stamp); their cookies and open circuits stop working.</summary>
    public async Task EndAllAsync(Student student, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(student);
        await students.RotateSecurityStampAsync(student.Id, cancellationToken);
        Forget(student.AccountId);
    }

    /// <summary>Drops the cached stamp after the stored one changed (reset login).</summary>
    public void Forget(int accountId) => _stamps.TryRemove(accountId, out _);

    private async Task<string?> StoredStampAsync(int accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_stamps.TryGetValue(accountId, out var cached) && cached.Until > now) return cached.Stamp;
        var stamp = (await students.FindByAccountAsync(accountId, cancellationToken))?.SecurityStamp;
        _stamps[accountId] = (stamp, now + CacheFor);
        return stamp;
    }
}
