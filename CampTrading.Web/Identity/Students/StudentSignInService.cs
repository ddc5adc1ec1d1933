using System.Globalization;
using System.Security.Claims;
using CampTrading.Web.Infrastructure;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Identity.Students;

public enum CodeSignInStatus { SignedIn, UnknownCode, PinRequired, WrongPin, TooManyAttempts }

public sealed record CodeSignInResult(CodeSignInStatus Status, Student? Student = null);

/// <summary>
/// Students sign in with the registration code from their badge; once they set a personal PIN, the code alone
/// no longer suffices. Wrong PINs are limited per student (on top of the per-IP rate limit of the endpoints).
/// </summary>
public sealed class StudentSignInService(StudentStore students, IOptions<StudentSignInOptions> options) : IDisposable
{
    private static readonly PasswordHasher<Student> Hasher = new();
    private readonly FailureLimiter<long> _pinFailures = new(options.Value.PinFailuresPerWindow, options.Value.PinFailureWindow);

    public async Task<CodeSignInResult> CheckCodeAsync(string? typedCode, string? pin, CancellationToken cancellationToken = default)
    {
        var code = RegistrationCodes.Normalize(typedCode);
        if (!RegistrationCodes.IsWellFormed(code) || await students.FindByCodeAsync(code, cancellationToken) is not { } student)
            return new CodeSignInResult(CodeSignInStatus.UnknownCode);
        if (student.PinHash is null) return new CodeSignInResult(CodeSignInStatus.SignedIn, student);
        if (string.IsNullOrEmpty(pin)) return new CodeSignInResult(CodeSignInStatus.PinRequired, student);
        if (_pinFailures.IsLockedOut(student.Id)) return new CodeSignInResult(CodeSignInStatus.TooManyAttempts, student);
        if (Hasher.VerifyHashedPassword(student, student.PinHash, pin) == PasswordVerificationResult.Failed)
        {
            _pinFailures.RecordFailure(student.Id);
            return new CodeSignInResult(CodeSignInStatus.WrongPin, student);
        }
        return new CodeSignInResult(CodeSignInStatus.SignedIn, student);
    }

    /// <summary>Sets (or replaces) the student's PIN; null when done, else why it was refused.</summary>
    public async Task<string?> SetPinAsync(int accountId, string? pin, CancellationToken cancellationToken = default)
    {
        if (PinRules.Check(pin) is { } problem) return problem;
        if (await students.FindByAccountAsync(accountId, cancellationToken) is not { } student) return "找不到學員資料。No roster entry for this account.";
        await students.SetPinHashAsync(student.Id, Hasher.HashPassword(student, pin!), cancellationToken);
        return null;
    }

    public async Task<bool> HasPinAsync(int accountId, CancellationToken cancellationToken = default) =>
        (await students.FindByAccountAsync(accountId, cancellationToken))?.PinHash is not null;

    /// <summary>Issues the shared cookie for a student: Name, camp:account and the student role.</summary>
    public static Task SignInCookieAsync(HttpContext http, Student student)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, student.Name),
            new Claim(CampClaims.AccountId, student.AccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Role, CampRoles.Student),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    public void Dispose() => _pinFailures.Dispose();
}
