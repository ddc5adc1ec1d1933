namespace CampTrading.Web.Staff.Records;

public static class RecordsServiceCollectionExtensions
{
    /// <summary>The audit feed and the settlement flow. Call after AddStandingsServices and AddStaffIdentity.</summary>
    public static WebApplicationBuilder AddRecordsServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<AuditFeed>();
        builder.Services.AddSingleton<SettlementService>();
        return builder;
    }
}
