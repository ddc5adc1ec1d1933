namespace CampTrading.Web.Staff.Records;

public static class RecordsServiceCollectionExtensions
{
    /// <summary>The audit feed, the camp-wide order history and the settlement flow. Call after AddStandingsServices and AddStaffIdentity.</summary>
    public static WebApplicationBuilder AddRecordsServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<AuditFeed>();
        builder.Services.AddSingleton<OrderHistory>();
        builder.Services.AddSingleton<SettlementService>();
        return builder;
    }
}
