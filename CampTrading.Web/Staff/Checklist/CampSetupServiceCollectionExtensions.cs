using CampTrading.Web.Staff.PublicAddress;

namespace CampTrading.Web.Staff.Checklist;

public static class CampSetupServiceCollectionExtensions
{
    /// <summary>The camp's settings table, its public address (loaded at start) and the first-day checklist's facts.</summary>
    public static WebApplicationBuilder AddCampSetupServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CampSettingsStore>();
        builder.Services.AddSingleton<CampPublicAddress>();
        builder.Services.AddHostedService<PublicAddressLoader>();
        builder.Services.AddSingleton<SetupFactsReader>();
        return builder;
    }
}
