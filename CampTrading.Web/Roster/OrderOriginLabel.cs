using CampTrading.Core.Trading;

namespace CampTrading.Web.Roster;

/// <summary>How the staff console names where an order came from (docs/decisions/0020-order-origin.md).</summary>
public static class OrderOriginLabel
{
    /// <summary>The origins staff can filter by, in the order the chips show them.</summary>
    public static IReadOnlyList<OrderOrigin> Filters { get; } = [OrderOrigin.Web, OrderOrigin.Telegram, OrderOrigin.Api, OrderOrigin.House, OrderOrigin.Unknown];

    public static string Of(OrderOrigin origin) => origin switch
    {
        OrderOrigin.Web => "網頁 Web",
        OrderOrigin.Telegram => "Telegram",
        OrderOrigin.Api => "API",
        OrderOrigin.House => "造市 House",
        _ => "未記錄 Unrecorded",
    };

    /// <summary>The stable name used in test ids and the query table: web, telegram, api, house, unknown.</summary>
    public static string Key(OrderOrigin origin) => origin.ToString().ToLowerInvariant();
}
