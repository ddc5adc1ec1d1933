using CampTrading.Core.Journal;

namespace CampTrading.Web.Arcade;

public static class ArcadeServiceCollectionExtensions
{
    /// <summary>Arcade machines and their keys, the machine API's rate limit and the OpenAPI document. Call after AddExchangeServices.</summary>
    public static WebApplicationBuilder AddArcadeServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArcadeService>();
        builder.Services.AddSingleton<ArcadeKeyDirectory>();
        builder.Services.AddSingleton<IEngineObserver>(services => services.GetRequiredService<ArcadeKeyDirectory>());
        builder.Services.AddOptions<ArcadeOptions>()
            .Bind(builder.Configuration.GetSection(ArcadeOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Window > TimeSpan.Zero, "Arcade:Window must be positive.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, ArcadeRateLimitPolicy>(ArcadeRateLimitPolicy.Name));
        builder.Services.AddOpenApi(ArcadeOpenApi.DocumentName, ArcadeOpenApi.Configure);
        return builder;
    }

    /// <summary>The arcade API, the OpenAPI document (<c>/openapi/v1.json</c>) and its browsable UI (<c>/api/docs</c>).</summary>
    public static WebApplication MapArcade(this WebApplication app)
    {
        app.MapArcadeApi();
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "api/docs";
            ui.SwaggerEndpoint("/openapi/v1.json", "CampTrading API v1");
            ui.DocumentTitle = "CampTrading API";
        });
        return app;
    }
}
