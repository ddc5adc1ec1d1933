using CampTrading.Core.Trading;

namespace CampTrading.Web.Trading;

/// <summary>A price tapped in the order book: the ticket takes the other side of it (an ask → buy).</summary>
public readonly record struct BookPick(Side Side, long Price);
