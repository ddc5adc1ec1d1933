using System.Globalization;
using CampTrading.Core.Engine;

namespace CampTrading.Web.Duels;

public static class DuelMessages
{
    /// <summary>The engine's refusal in the page's language, with its stable code: "你已經有一場進行中的對決 (duel_already_open)".</summary>
    public static string Rejected(in CommandResult result) =>
        $"{Message(result)} ({Code(result)})";

    /// <summary>The engine's refusal in the page's language, without the code: what a student reads.</summary>
    public static string Message(in CommandResult result) => RejectCodes.Message(result, CultureInfo.CurrentUICulture);

    /// <summary>The stable code of a refusal (duel_already_open), for data attributes and logs.</summary>
    public static string Code(in CommandResult result) => RejectCodes.Code(result.Code);
}
