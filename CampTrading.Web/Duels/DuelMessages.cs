using System.Globalization;
using CampTrading.Core.Engine;

namespace CampTrading.Web.Duels;

public static class DuelMessages
{
    /// <summary>The engine's refusal in the page's language, with its stable code: "你已經有一場進行中的對決 (duel_already_open)".</summary>
    public static string Rejected(in CommandResult result) =>
        $"{RejectCodes.Message(result, CultureInfo.CurrentUICulture)} ({RejectCodes.Code(result.Code)})";
}
