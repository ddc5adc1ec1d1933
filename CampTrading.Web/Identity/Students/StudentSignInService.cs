using CampTrading.Web.Infrastructure;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Identity.Students;

public enum CodeSignInStatus
{
    SignedIn,
    /// <summary>No student has this secret (or it is malformed).</summary>
    UnknownCode,
    /// <summary>The student has a PIN: the secret needs it.</summary>
    PinRequired,
    WrongPin,
    /// <summary>Too many failures from this source or against this student: refused without checking.</summary>
    TooManyAttempts,
    /// <summary>First use of the secret: the student must choose a PIN (or link Telegram) before signing in.</summary>
    ChoosePin,
    /// <summary>The chosen first PIN breaks <see cref="PinRules"/>.</summary>
    PinRejected,
    /// <summary>Telegram is linked and no PIN is set: the secret alone signs in nobody, Telegram does.</summary>
    UseTelegram,
    /// <summary>Staff disabled the student: no sign-in by any path.</summary>
    Disabled,
}

public sealed record CodeSignInResult(CodeSignInStatus Status, Student? Student = null);

/// <summary>
/// Sign-in with the private secret (SPEC §6). Its first use makes the student choose a PIN (or link Telegram in the
/// bot); after that the secret alone signs in nobody: secret + PIN, Telegram, or a one-time link from the linked bot.
/// Failures are limited per source (client IP or Telegram user) and wrong PINs per student; both limits reserve a
/// failure while an attempt is being checked, so concurrent guesses cannot overshoot them.
/// </summary>
public sealed class StudentSignInService(StudentStore students, StudentSessions sessions, IOptions<StudentSignInOptions> options, TimeProvider time)
    : IDisposable
{
    private static readonly PasswordHasher<Student> Hasher = new();
    private readonly FailureLimiter<long> _pinFailures = new(options.Value.PinFailuresPerWindow, options.Value.PinFailureWindow, time);
    private readonly FailureLimiter<string> _sourceFailures = new(options.Value.SourceFailuresPerWindow, options.Value.PinFailureWindow, time);

    /// <summary>
    /// Checks a typed secret (and PIN) from <paramref name="source"/> (e.g. <c>ip:10.0.0.5</c>, <c>tg:123</c>). On the first
    /// use, a valid <paramref name="pin"/> becomes the student's PIN and signs in.
    /// </summary>
    public async Task<CodeSignInResult> CheckCodeAsync(string? typedCode, string? pin, string source, CancellationToken cancellationToken = default)
    {
        using var sourceAttempt = _sourceFailures.TryBeginAttempt(source);
        if (sourceAttempt is null) return new CodeSignInResult(CodeSignInStatus.TooManyAttempts);
        var code = RegistrationCodes.Normalize(typedCode);
        if (!RegistrationCodes.IsWellFormed(code) || await students.FindBySecretAsync(code, cancellationToken) is not { } student)
        {
            sourceAttempt.Failed();
            return new CodeSignInResult(CodeSignInStatus.UnknownCode);
        }
        if (!sessions.IsEnabled(student.AccountId)) return new CodeSignInResult(CodeSignInStatus.Disabled, student);

        if (!student.IsSetUp)
        {
            if (string.IsNullOrEmpty(pin)) return new CodeSignInResult(CodeSignInStatus.ChoosePin, student);
            if (PinRules.Check(pin) is not null) return new CodeSignInResult(CodeSignInStatus.PinRejected, student);
            if (await students.TrySetFirstPinHashAsync(student.Id, Hasher.HashPassword(student, pin), cancellationToken))
                return new CodeSignInResult(CodeSignInStatus.SignedIn, student);
            // Someone set a PIN or linked Telegram a moment ago: the secret alone no longer suffices.
            if (await students.FindByIdAsync(student.Id, cancellationToken) is not { } current) return new CodeSignInResult(CodeSignInStatus.UnknownCode);
            student = current;
        }
        if (student.PinHash is null) return new CodeSignInResult(CodeSignInStatus.UseTelegram, student);
        if (string.IsNullOrEmpty(pin)) return new CodeSignInResult(CodeSignInStatus.PinRequired, student);
        return CheckPin(student, pin, sourceAttempt) switch
        {
            true => new CodeSignInResult(CodeSignInStatus.SignedIn, student),
            false => new CodeSignInResult(CodeSignInStatus.WrongPin, student),
            null => new CodeSignInResult(CodeSignInStatus.TooManyAttempts, student),
        };
    }

    /// <summary>
    /// Checks the student's PIN under the per-student limit: true when right, false when wrong (counted, also against
    /// <paramref name="sourceAttempt"/>), null when the student has no attempts left (not checked).
    /// </summary>
    public bool? CheckPin(Student student, string pin, FailureAttempt? sourceAttempt)
    {
        ArgumentNullException.ThrowIfNull(student);
        using var attempt = _pinFailures.TryBeginAttempt(student.Id);
        if (attempt is null) return null;
        if (student.PinHash is not null && Hasher.VerifyHashedPassword(student, student.PinHash, pin) != PasswordVerificationResult.Failed)
            return true;
        attempt.Failed();
        sourceAttempt?.Failed();
        return false;
    }

    /// <summary>Reserves a failure for <paramref name="source"/> (the bot's secret checks); null when it has none left.</summary>
    public FailureAttempt? BeginSourceAttempt(string source) => _sourceFailures.TryBeginAttempt(source);

    /// <summary>
    /// Sets or changes the signed-in student's PIN; null when done, else why it was refused. Changing an existing PIN
    /// needs the current one, or a sign-in within <see cref="StudentSignInOptions.FreshSignInWindow"/>.
    /// </summary>
    public async Task<string?> SetPinAsync(int accountId, string? currentPin, string? newPin, DateTimeOffset? signedInAt,
        CancellationToken cancellationToken = default)
    {
        if (PinRules.Check(newPin) is { } problem) return problem;
        if (await students.FindByAccountAsync(accountId, cancellationToken) is not { } student) return "找不到學員資料。No roster entry for this account.";
        if (student.PinHash is not null && !IsFresh(signedInAt))
        {
            switch (string.IsNullOrEmpty(currentPin) ? false : CheckPin(student, currentPin, null))
            {
                case null: return "錯誤次數過多，請稍後再試。Too many wrong PINs: try again later.";
                case false: return "目前的 PIN 不正確。The current PIN is wrong.";
            }
        }
        await students.SetPinHashAsync(student.Id, Hasher.HashPassword(student, newPin!), cancellationToken);
        return null;
    }

    public bool IsFresh(DateTimeOffset? signedInAt) =>
        signedInAt is { } at && time.GetUtcNow() - at <= options.Value.FreshSignInWindow;

    public async Task<bool> HasPinAsync(int accountId, CancellationToken cancellationToken = default) =>
        (await students.FindByAccountAsync(accountId, cancellationToken))?.PinHash is not null;

    public void Dispose()
    {
        _pinFailures.Dispose();
        _sourceFailures.Dispose();
    }
}
