using CampTrading.Core.Trading;

namespace CampTrading.Web.Trading;

/// <summary>A price tapped in the order book: the ticket takes the other side of it (an ask → buy).</summary>
public readonly record struct BookPick(Side Side, long Price);

/// <summary>A book row's title and handlers for one side and price, made once so a row drawn again keeps its handlers.</summary>
public sealed record BookRowPick(string Title, Func<Task> Click, Func<Microsoft.AspNetCore.Components.Web.KeyboardEventArgs, Task> Key);
