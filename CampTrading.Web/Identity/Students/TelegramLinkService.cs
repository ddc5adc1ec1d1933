using CampTrading.Web.Roster;

namespace CampTrading.Web.Identity.Students;

public enum TelegramLinkStatus
{
    /// <summary>The Telegram user is now linked to the student.</summary>
    Linked,
    /// <summary>Already linked to exactly this student: nothing to do.</summary>
    AlreadyLinked,
    /// <summary>No student has this registration code.</summary>
    UnknownCode,
    /// <summary>The student is linked to another Telegram account: only staff may relink.</summary>
    StudentLinkedElsewhere,
    /// <summary>This Telegram account is already linked to another student.</summary>
    TelegramInUse,
    /// <summary>The student has set a PIN: linking needs it too (<c>/register CODE PIN</c>).</summary>
    PinRequired,
    WrongPin,
    /// <summary>Too many failures from this Telegram user or against this student: refused without checking.</summary>
    TooManyAttempts,
    /// <summary>Staff disabled the student.</summary>
    Disabled,
}

public sealed record TelegramLinkResult(TelegramLinkStatus Status, Student? Student = null)
{
    public bool IsLinked => Status is TelegramLinkStatus.Linked or TelegramLinkStatus.AlreadyLinked;

    /// <summary>What the bot tells the user (zh + en). Refusals name nobody: the sender has not proven who they are.</summary>
    public string Message => Status switch
    {
        TelegramLinkStatus.Linked => $"已綁定 {Student?.Name}。Linked to {Student?.Name}.",
        TelegramLinkStatus.AlreadyLinked => $"你已綁定 {Student?.Name}。Already linked to {Student?.Name}.",
        TelegramLinkStatus.UnknownCode => "找不到這個註冊碼。Unknown registration code.",
        TelegramLinkStatus.StudentLinkedElsewhere => "這個帳戶已綁定其他 Telegram 帳號，請找工作人員重新綁定。This account is linked to another Telegram account; ask a staff member to relink it.",
        TelegramLinkStatus.TelegramInUse => "你的 Telegram 已綁定其他帳戶，請找工作人員。Your Telegram is linked to another account; ask a staff member.",
        TelegramLinkStatus.PinRequired => "這個帳戶已設定 PIN：請輸入 /register 註冊碼 PIN。This account has a PIN: send /register CODE PIN.",
        TelegramLinkStatus.WrongPin => "PIN 錯誤。Wrong PIN.",
        TelegramLinkStatus.TooManyAttempts => "錯誤次數過多，請稍後再試或找工作人員。Too many failed attempts: try again later or ask a staff member.",
        TelegramLinkStatus.Disabled => "這個帳戶已停用，請找工作人員。This account is disabled; ask a staff member.",
        _ => Status.ToString(),
    };
}

/// <summary>
/// Links a Telegram user to a student by the private secret (the bot's <c>/start SECRET</c> and <c>/register SECRET [PIN]</c>).
/// The secret alone links only a student who is not set up yet (no PIN, no Telegram): that is its first use. A student
/// with a PIN needs the PIN too; one linked to another Telegram account is refused (relinking is for staff,
/// <see cref="RelinkByStaffAsync"/>, behind ManageUsers). Failures count per Telegram user and wrong PINs per student.
/// </summary>
public sealed class TelegramLinkService(StudentStore students, StudentSignInService signIn, StudentSessions sessions, ILogger<TelegramLinkService> logger)
{
    public async Task<TelegramLinkResult> LinkAsync(long telegramUserId, string? registrationCode, string? pin = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(telegramUserId);
        using var sourceAttempt = signIn.BeginSourceAttempt(FormattableString.Invariant($"tg:{telegramUserId}"));
        if (sourceAttempt is null) return new(TelegramLinkStatus.TooManyAttempts);
        var code = RegistrationCodes.Normalize(registrationCode);
        if (!RegistrationCodes.IsWellFormed(code) || await students.FindBySecretAsync(code, cancellationToken) is not { } student)
        {
            sourceAttempt.Failed();
            return new(TelegramLinkStatus.UnknownCode);
        }
        if (!sessions.IsEnabled(student.AccountId)) return new(TelegramLinkStatus.Disabled);
        if (student.TelegramUserId == telegramUserId) return new(TelegramLinkStatus.AlreadyLinked, student);
        if (student.TelegramUserId is not null) return new(TelegramLinkStatus.StudentLinkedElsewhere);
        if (await students.FindByTelegramAsync(telegramUserId, cancellationToken) is not null) return new(TelegramLinkStatus.TelegramInUse);
        var pinVerified = false;
        if (student.PinHash is not null)
        {
            if (string.IsNullOrEmpty(pin)) return new(TelegramLinkStatus.PinRequired);
            switch (signIn.CheckPin(student, pin, sourceAttempt))
            {
                case null: return new(TelegramLinkStatus.TooManyAttempts);
                case false: return new(TelegramLinkStatus.WrongPin);
            }
            pinVerified = true;
        }
        if (!await students.TryLinkTelegramWithSecretAsync(student.Id, telegramUserId, pinVerified, cancellationToken))
        {
            var now = await students.FindByIdAsync(student.Id, cancellationToken);
            return now?.TelegramUserId == telegramUserId ? new(TelegramLinkStatus.AlreadyLinked, now)
                : now?.TelegramUserId is null && now?.PinHash is not null ? new(TelegramLinkStatus.PinRequired)
                : new(TelegramLinkStatus.StudentLinkedElsewhere);
        }
        logger.LogInformation("Telegram user {TelegramUserId} linked to student {StudentId}", telegramUserId, student.Id);
        return new(TelegramLinkStatus.Linked, student with { TelegramUserId = telegramUserId });
    }

    /// <summary>Staff only (the caller checks ManageUsers): moves the student to another Telegram account, or unlinks it (null).</summary>
    public async Task<TelegramLinkResult> RelinkByStaffAsync(int accountId, long? telegramUserId, string actor, CancellationToken cancellationToken = default)
    {
        if (await students.FindByAccountAsync(accountId, cancellationToken) is not { } student) return new(TelegramLinkStatus.UnknownCode);
        if (!await students.TrySetTelegramAsync(student.Id, student.TelegramUserId, telegramUserId, cancellationToken))
            return new(TelegramLinkStatus.TelegramInUse, student);
        logger.LogInformation("{Actor} relinked student {StudentId} from Telegram {Old} to {New}", actor, student.Id, student.TelegramUserId, telegramUserId);
        return new(TelegramLinkStatus.Linked, student with { TelegramUserId = telegramUserId });
    }
}
