using System.Globalization;
using CampTrading.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace CampTrading.Web.Identity.Staff;

/// <summary>
/// Browsers a staff member has signed in from before (a signed cookie naming them, kept 30 days). A camper who knows a
/// staff username can lock that account out with wrong passwords; from a browser it was used in, the staff member still
/// signs in, with a failure limit of its own (decision 0039, after OWASP's "device cookies").
/// </summary>
public sealed class StaffDevices(IDataProtectionProvider protection, TimeProvider time) : IDisposable
{
    public const string CookieName = "camp.staffdevice";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private readonly IDataProtector _protector = protection.CreateProtector("CampTrading.StaffDevice.v1");

    /// <summary>Wrong passwords from one remembered browser before it counts as any other (per staff member).</summary>
    private readonly FailureLimiter<Guid> _failures = new(5, TimeSpan.FromMinutes(15), time);

    /// <summary>The staff member this request's browser signed in as before, if its cookie is genuine and recent.</summary>
    public Guid? RememberedUser(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 and < 1024 } cookie) return null;
        try
        {
            var parts = _protector.Unprotect(cookie).Split('|');
            if (parts.Length != 2 || !Guid.TryParse(parts[0], out var user)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)) return null;
            return time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) < Lifetime ? user : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // forged, damaged, or from keys this app no longer has
        }
    }

    public void Remember(HttpContext http, Guid user)
    {
        var value = _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{user:N}|{time.GetUtcNow().ToUnixTimeSeconds()}"));
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/staff",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>One of the remembered browser's own failures, reserved for a password check; null when it has none left.</summary>
    public FailureAttempt? TryBeginAttempt(Guid user) => _failures.TryBeginAttempt(user);

    public void Dispose() => _failures.Dispose();
}
