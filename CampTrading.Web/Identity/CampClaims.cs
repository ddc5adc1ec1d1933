using System.Globalization;
using System.Security.Claims;

namespace CampTrading.Web.Identity;

public static class CampClaims
{
    public const string AccountId = "camp:account";

    /// <summary>A student's security stamp when the cookie was issued; the session ends once the stored one differs.</summary>
    public const string StudentStamp = "camp:stamp";

    /// <summary>When the student signed in (Unix seconds); a "fresh" sign-in may change the PIN without the old one.</summary>
    public const string SignedInAt = "camp:signed_in_at";

    public static int? AccountIdOf(ClaimsPrincipal? user) =>
        int.TryParse(user?.FindFirst(AccountId)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static DateTimeOffset? SignedInAtOf(ClaimsPrincipal? user) =>
        long.TryParse(user?.FindFirst(SignedInAt)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
