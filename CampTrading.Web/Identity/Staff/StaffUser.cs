namespace CampTrading.Web.Identity.Staff;

/// <summary>A staff member who signs in with a username and password (SPEC §6). Roles come from <see cref="CampRoles"/>.</summary>
public sealed class StaffUser
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string? SecurityStamp { get; set; }
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>Claim types of a staff sign-in (besides Name and Role).</summary>
public static class StaffClaims
{
    /// <summary>The staff user's id; present only on staff sign-ins.</summary>
    public const string UserId = "camp:staff";
}
