namespace CampTrading.Web.Booths;

public static class BoothServiceCollectionExtensions
{
    /// <summary>Community booths. Call after AddExchangeServices.</summary>
    public static WebApplicationBuilder AddBoothServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BoothOptions>()
            .Bind(builder.Configuration.GetSection(BoothOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.WrongSecretWindow > TimeSpan.Zero, "Booths:WrongSecretWindow must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<BoothService>();
        return builder;
    }
}
