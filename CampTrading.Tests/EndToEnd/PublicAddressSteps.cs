using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// The test app listens on 127.0.0.1, an address phones cannot open: its print pages refuse to print until an admin sets
/// the camp's public address. These steps set one the way an organizer does, on the badges page's print guard.
/// </summary>
internal static class PublicAddressSteps
{
    /// <summary>A LAN address as a camp laptop would have on the venue's Wi-Fi (nothing needs to answer on it).</summary>
    public const string LanAddress = "http://192.168.50.10:8080";

    /// <summary>Opens the badges page as <paramref name="admin"/> and sets the public address there if printing is blocked.</summary>
    public static async Task SetPublicAddressAsync(this IPage admin, string address = LanAddress)
    {
        await admin.GotoAsync("/staff/badges");
        await Expect(admin.GetByTestId("badges-page")).ToHaveAttributeAsync("data-interactive", "true");
        if (await admin.GetByTestId("print-guard").CountAsync() == 0) return;
        await admin.GetByTestId("public-address-input").FillAsync(address);
        await admin.GetByTestId("public-address-save").ClickAsync();
        await Expect(admin.GetByTestId("print-guard")).ToHaveCountAsync(0);
    }
}
