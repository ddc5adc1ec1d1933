using System.Globalization;
using System.Security.Claims;

namespace CampTrading.Web.Identity;

public static class CampClaims
{
    public const string AccountId = "camp:account";

    public static int? AccountIdOf(ClaimsPrincipal? user) =>
        int.TryParse(user?.FindFirst(AccountId)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
