using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace CampTrading.Web.Identity.Staff;

/// <summary>Outcome of a staff account operation: on success, the generated password (shown once) if one was generated.</summary>
public sealed record StaffResult(bool Succeeded, string? Password, IReadOnlyList<string> Errors)
{
    public static StaffResult Ok(string? password = null) => new(true, password, []);
    public static StaffResult Fail(params string[] errors) => new(false, null, errors);
    public static StaffResult From(IdentityResult result) => result.Succeeded ? Ok() : new(false, null, result.Errors.Select(e => e.Description).ToList());
}

/// <summary>
/// Creating and managing staff accounts (the CLI, the first-run page and the users page all come here); every change is audited.
/// No default passwords: a password is either typed by the person (checked against the password rules) or generated here.
/// </summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, StaffUserStore store, AuditLog audit)
{
    public const int GeneratedPasswordLength = 24;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!@#%";

    /// <summary>A random password from <see cref="RandomNumberGenerator"/> (about 142 bits).</summary>
    public static string GeneratePassword() => RandomNumberGenerator.GetString(Alphabet, GeneratedPasswordLength);

    public Task<bool> AdminExistsAsync(CancellationToken cancellationToken = default) => store.AnyInRoleAsync(CampRoles.Admin, cancellationToken);

    public Task<IReadOnlyList<(StaffUser User, IReadOnlyList<string> Roles)>> ListAsync(CancellationToken cancellationToken = default) =>
        store.ListAsync(cancellationToken);

    /// <summary>Creates a staff user with one role; when <paramref name="password"/> is null a strong one is generated and returned.</summary>
    public async Task<StaffResult> CreateAsync(string actor, string userName, string? displayName, string role, string? password = null)
    {
        userName = userName.Trim();
        if (userName.Length is 0 or > 64) return StaffResult.Fail("使用者名稱須為 1–64 字。The username must be 1–64 characters.");
        if (StaffUserStore.KnownRole(role) is not { } knownRole) return StaffResult.Fail($"未知的角色 Unknown role: {role}");
        var generated = password is null;
        password ??= GeneratePassword();
        var user = new StaffUser { UserName = userName, DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return StaffResult.From(created);
        var added = await users.AddToRoleAsync(user, knownRole);
        if (!added.Succeeded) return StaffResult.From(added);
        await audit.WriteAsync(actor, "staff.create", userName, new { role = knownRole, displayName = user.DisplayName });
        return StaffResult.Ok(generated ? password : null);
    }

    /// <summary>Sets a new generated password, ends the user's sessions (new security stamp) and clears any lockout.</summary>
    public async Task<StaffResult> ResetPasswordAsync(string actor, string userName)
    {
        if (await users.FindByNameAsync(userName) is not { } user) return StaffResult.Fail("找不到使用者 No such user.");
        var password = GeneratePassword();
        var hash = users.PasswordHasher.HashPassword(user, password);
        user.PasswordHash = hash;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return StaffResult.From(updated);
        await audit.WriteAsync(actor, "staff.reset-password", user.UserName);
        return StaffResult.Ok(password);
    }

    /// <summary>Replaces the user's roles with <paramref name="role"/>; their sessions end (new security stamp).</summary>
    public async Task<StaffResult> ChangeRoleAsync(string actor, string userName, string role)
    {
        if (StaffUserStore.KnownRole(role) is not { } knownRole) return StaffResult.Fail($"未知的角色 Unknown role: {role}");
        if (await users.FindByNameAsync(userName) is not { } user) return StaffResult.Fail("找不到使用者 No such user.");
        var old = await users.GetRolesAsync(user);
        if (old.Contains(CampRoles.Admin) && knownRole != CampRoles.Admin && (await users.GetUsersInRoleAsync(CampRoles.Admin)).Count <= 1)
            return StaffResult.Fail("不能移除最後一位管理員。The last admin cannot lose the admin role.");
        foreach (var r in old.Where(r => r != knownRole)) await store.RemoveFromRoleAsync(user, r, CancellationToken.None);
        if (!old.Contains(knownRole)) await store.AddToRoleAsync(user, knownRole, CancellationToken.None);
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded) return StaffResult.From(updated);
        await audit.WriteAsync(actor, "staff.change-role", user.UserName, new { from = old, to = knownRole });
        return StaffResult.Ok();
    }

    public async Task<StaffResult> UnlockAsync(string actor, string userName)
    {
        if (await users.FindByNameAsync(userName) is not { } user) return StaffResult.Fail("找不到使用者 No such user.");
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return StaffResult.From(updated);
        await audit.WriteAsync(actor, "staff.unlock", user.UserName);
        return StaffResult.Ok();
    }
}
