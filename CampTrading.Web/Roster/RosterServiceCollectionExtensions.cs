namespace CampTrading.Web.Roster;

public static class RosterServiceCollectionExtensions
{
    /// <summary>The roster (students table), and its CSV importer. Call after AddExchangeServices.</summary>
    public static WebApplicationBuilder AddRosterServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StudentStore>();
        builder.Services.AddSingleton<StudentNumberDirectory>();
        builder.Services.AddSingleton<StudentDirectory>();
        builder.Services.AddSingleton<RosterImporter>();
        return builder;
    }
}
