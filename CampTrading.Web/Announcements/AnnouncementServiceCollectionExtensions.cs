namespace CampTrading.Web.Announcements;

public static class AnnouncementServiceCollectionExtensions
{
    public static WebApplicationBuilder AddAnnouncementServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AnnouncementFeed>();
        return builder;
    }
}
