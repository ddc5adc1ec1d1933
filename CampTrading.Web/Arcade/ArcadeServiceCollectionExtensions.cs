namespace CampTrading.Web.Arcade;

public static class ArcadeServiceCollectionExtensions
{
    /// <summary>Arcade machines and their keys. Call after AddExchangeServices.</summary>
    public static WebApplicationBuilder AddArcadeServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArcadeService>();
        return builder;
    }
}
