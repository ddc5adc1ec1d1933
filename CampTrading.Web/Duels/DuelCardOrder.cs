using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Duels;

/// <summary>
/// The order of the duel cards on an open /duels page. The board lists unfinished duels first; applied on every update, a duel
/// that just finished would jump from the top to below the running ones, right when its result is the thing to read. So cards
/// already on screen keep their place; only new duels come in, at the top. A fresh page starts from the board's order.
/// </summary>
public static class DuelCardOrder
{
    public static IReadOnlyList<DuelItem> Keep(IReadOnlyList<long> shown, IReadOnlyList<DuelItem> now)
    {
        var byId = now.ToDictionary(d => d.Id);
        var known = shown.ToHashSet();
        return
        [
            .. now.Where(d => !known.Contains(d.Id)),
            .. shown.Where(byId.ContainsKey).Select(id => byId[id]),
        ];
    }
}
