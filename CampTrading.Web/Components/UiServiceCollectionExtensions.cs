using MudBlazor;
using MudBlazor.Services;
using Radzen;

namespace CampTrading.Web.Components;

public static class UiServiceCollectionExtensions
{
    public static WebApplicationBuilder AddUiServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            config.SnackbarConfiguration.PreventDuplicates = true;
            config.SnackbarConfiguration.VisibleStateDuration = 5000;
            config.SnackbarConfiguration.ShowCloseIcon = true;
        });
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }
}
