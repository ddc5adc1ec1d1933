namespace CampTrading.Web.Announcements;

public static class AnnouncementServiceCollectionExtensions
{
    public static WebApplicationBuilder AddAnnouncementServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AnnouncementFeed>();
        builder.Services.AddSingleton<AnnouncementService>();
        builder.Services.AddHostedService<AnnouncementPublisher>();
        return builder;
    }
}
