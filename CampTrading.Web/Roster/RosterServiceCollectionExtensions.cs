namespace CampTrading.Web.Roster;

public static class RosterServiceCollectionExtensions
{
    /// <summary>The roster (students table), its CSV importer and badge QR codes. Call after AddExchangeServices.</summary>
    public static WebApplicationBuilder AddRosterServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StudentStore>();
        builder.Services.AddSingleton<StudentDirectory>();
        builder.Services.AddSingleton<RosterImporter>();
        builder.Services.AddSingleton<BadgeQrCodes>();
        return builder;
    }
}
