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
}

public sealed record TelegramLinkResult(TelegramLinkStatus Status, Student? Student = null)
{
    public bool IsLinked => Status is TelegramLinkStatus.Linked or TelegramLinkStatus.AlreadyLinked;

    /// <summary>What the bot tells the user (zh + en).</summary>
    public string Message => Status switch
    {
        TelegramLinkStatus.Linked => $"已綁定 {Student?.Name}。Linked to {Student?.Name}.",
        TelegramLinkStatus.AlreadyLinked => $"你已綁定 {Student?.Name}。Already linked to {Student?.Name}.",
        TelegramLinkStatus.UnknownCode => "找不到這個註冊碼。Unknown registration code.",
        TelegramLinkStatus.StudentLinkedElsewhere => "這個帳戶已綁定其他 Telegram 帳號，請找工作人員重新綁定。This account is linked to another Telegram account; ask a staff member to relink it.",
        TelegramLinkStatus.TelegramInUse => "你的 Telegram 已綁定其他帳戶，請找工作人員。Your Telegram is linked to another account; ask a staff member.",
        _ => Status.ToString(),
    };
}

/// <summary>
/// Links a Telegram user to a student by registration code (the bot's <c>/start CODE</c> and <c>/register CODE</c>).
/// A student already linked to another Telegram account is refused: relinking is for staff
/// (<see cref="RelinkByStaffAsync"/>, behind the ManageUsers permission).
/// </summary>
public sealed class TelegramLinkService(StudentStore students, ILogger<TelegramLinkService> logger)
{
    public async Task<TelegramLinkResult> LinkAsync(long telegramUserId, string? registrationCode, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(telegramUserId);
        var code = RegistrationCodes.Normalize(registrationCode);
        if (!RegistrationCodes.IsWellFormed(code) || await students.FindByCodeAsync(code, cancellationToken) is not { } student)
            return new(TelegramLinkStatus.UnknownCode);
        if (student.TelegramUserId == telegramUserId) return new(TelegramLinkStatus.AlreadyLinked, student);
        if (student.TelegramUserId is not null) return new(TelegramLinkStatus.StudentLinkedElsewhere, student);
        if (await students.FindByTelegramAsync(telegramUserId, cancellationToken) is not null) return new(TelegramLinkStatus.TelegramInUse, student);
        if (!await students.TrySetTelegramAsync(student.Id, null, telegramUserId, cancellationToken))
            return await students.FindByTelegramAsync(telegramUserId, cancellationToken) is { } holder && holder.Id == student.Id
                ? new(TelegramLinkStatus.AlreadyLinked, student)
                : new(TelegramLinkStatus.StudentLinkedElsewhere, student);
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
