using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CampTrading.Web.Components.Dialogs;

public static class DialogServiceExtensions
{
    /// <summary>Asks to confirm an action; true only when the user pressed the confirm button.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message,
        string? confirmText = null, bool dangerous = false, RenderFragment? details = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.Dangerous, dangerous },
            { d => d.Details, details },
        };
        if (confirmText is not null) parameters.Add(d => d.ConfirmText, confirmText);
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
