using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.Support;

/// <summary>Uploading a roster CSV on /staff/roster the way the file chooser does, through the form's hidden file input.</summary>
internal static class RosterUploads
{
    /// <summary>
    /// Sets the file and waits until the form took it (its name shows). Blazor's InputFile attaches its change listener from
    /// JavaScript after its first render, which can land just after the page reports itself interactive; an upload in that
    /// moment goes unseen (a CI run failed so), so it is offered again. A second preview of the same file changes nothing.
    /// </summary>
    public static async Task UploadRosterAsync(this IPage page, string csv, string fileName = "roster.csv")
    {
        var payload = new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) };
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId("roster-file").SetInputFilesAsync(payload);
            try
            {
                await Expect(page.GetByTestId("roster-file-name")).ToHaveTextAsync(fileName, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
