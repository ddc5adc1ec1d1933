using Radzen;

namespace CampTrading.Web.Components;

public static class UiServiceCollectionExtensions
{
    public static WebApplicationBuilder AddUiServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }
}
