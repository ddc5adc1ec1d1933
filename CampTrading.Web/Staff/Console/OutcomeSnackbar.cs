using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CampTrading.Web.Staff.Console;

/// <summary>
/// A staff action's outcome as a snackbar (success or error). The message carries a test id, and a newer outcome of the
/// same panel replaces the older one instead of stacking beside it.
/// </summary>
public static class OutcomeSnackbar
{
    public static void Show(this ISnackbar snackbar, ConsoleOutcome outcome, string testId)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        snackbar.Show(outcome.Ok, outcome.Message, testId);
    }

    public static void Show(this ISnackbar snackbar, bool ok, string message, string testId)
    {
        ArgumentNullException.ThrowIfNull(snackbar);
        snackbar.RemoveByKey(testId);
        snackbar.Add(Message(message, testId), ok ? Severity.Success : Severity.Error, options =>
        {
            options.VisibleStateDuration = ok ? 8000 : 15000;
        }, key: testId);
    }

    private static RenderFragment Message(string message, string testId) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "data-testid", testId);
        builder.AddAttribute(2, "role", "status");
        builder.AddContent(3, message);
        builder.CloseElement();
    };
}
