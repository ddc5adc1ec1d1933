using System.Collections.Frozen;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace CampTrading.Web.Identity;

/// <summary>What a signed-in person may do (SPEC §5). Pages, endpoints and bot commands ask for one.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The spec's own word for it.")]
public enum Permission
{
    ViewOwnData,
    Trade,
    TransferPoints,
    ViewAllUsers,
    GivePoints,
    CreateAnnouncement,
    GenerateQrCode,
    ManageUsers,
    ManageMarket,
    SystemAdmin,
    /// <summary>Open the staff console (every role but student).</summary>
    StaffConsole,
}

/// <summary>The one table of roles and their permissions; the UI asks it what to show, the server what to allow.</summary>
public static class CampRoles
{
    public const string Student = "student";
    public const string QrCodeManager = "qrcode_manager";
    public const string PointManager = "point_manager";
    public const string QrPointManager = "qr_point_manager";
    public const string Announcer = "announcer";
    public const string Admin = "admin";

    private static readonly Permission[] StudentPermissions = [Permission.ViewOwnData, Permission.Trade, Permission.TransferPoints];
    private static readonly Permission[] StaffPermissions = [.. StudentPermissions, Permission.StaffConsole];

    public static FrozenDictionary<string, FrozenSet<Permission>> Permissions { get; } = new Dictionary<string, FrozenSet<Permission>>
    {
        [Student] = StudentPermissions.ToFrozenSet(),
        [QrCodeManager] = StaffPermissions.Append(Permission.GenerateQrCode).ToFrozenSet(),
        [PointManager] = StaffPermissions.Concat([Permission.ViewAllUsers, Permission.GivePoints]).ToFrozenSet(),
        [QrPointManager] = StaffPermissions.Concat([Permission.GenerateQrCode, Permission.ViewAllUsers, Permission.GivePoints]).ToFrozenSet(),
        [Announcer] = StaffPermissions.Concat([Permission.ViewAllUsers, Permission.CreateAnnouncement]).ToFrozenSet(),
        [Admin] = Enum.GetValues<Permission>().ToFrozenSet(),
    }.ToFrozenDictionary();

    public static IReadOnlyCollection<string> All => Permissions.Keys;

    /// <summary>True when any of the user's roles grants the permission.</summary>
    public static bool Allows(ClaimsPrincipal? user, Permission permission) =>
        user?.Identity?.IsAuthenticated == true
        && user.FindAll(ClaimTypes.Role).Any(r => Permissions.TryGetValue(r.Value, out var granted) && granted.Contains(permission));
}

/// <summary>One authorization policy per permission, named after it: <c>[Authorize(Policy = nameof(Permission.Trade))]</c>.</summary>
public static class PermissionPolicies
{
    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
            options.AddPolicy(permission.ToString(), policy => policy.RequireAssertion(context => CampRoles.Allows(context.User, permission)));
    }
}

/// <summary>
/// The permission each sanction on an account needs: one rule for every page, endpoint and bot command. SPEC gives
/// debt ("an admin can record a debt"; admin: "… debt …") and freezing (user management beside enable/disable) to the
/// admin, not to point managers. Taking points with <see cref="Permission.GivePoints"/> may still leave a debt: that
/// shortfall is the spec's explicit rule for grants, not a sanction.
/// </summary>
public static class SanctionRules
{
    /// <summary>Record a debt (a fine) or clear one.</summary>
    public const Permission Debt = Permission.ManageUsers;

    /// <summary>Freeze or unfreeze an account (it cannot spend while frozen).</summary>
    public const Permission Freeze = Permission.ManageUsers;
}
