namespace CampTrading.Web.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>What the web notifier (one per student circuit, in the main layout) reads: mutes and received points.</summary>
    public static WebApplicationBuilder AddNotificationServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<INotificationMutes, TelegramNotificationMutes>();
        builder.Services.AddSingleton<IPointArrivals, PostgresPointArrivals>();
        return builder;
    }
}
