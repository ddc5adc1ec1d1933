using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.Support;

/// <summary>Choosing in a MudSelect the way a person does: open it, click the item, see the list close.</summary>
internal static class MudSelects
{
    public static async Task PickAsync(this IPage page, string testId, string itemText)
    {
        await page.Locator($".mud-select:has([data-testid='{testId}']), .mud-select[data-testid='{testId}']").First.ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await items.Filter(new() { HasText = itemText }).First.ClickAsync();
        await Expect(items).ToHaveCountAsync(0);
    }
}
