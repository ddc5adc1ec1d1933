using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CampTrading.Web.Abuse;

public static class AbuseServiceCollectionExtensions
{
    /// <summary>Per-account and per-source limits on student actions (section <c>StudentLimits</c>), validated at start.</summary>
    public static WebApplicationBuilder AddStudentLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StudentLimitOptions>()
            .Bind(builder.Configuration.GetSection(StudentLimitOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid, "StudentLimits: Window must lie in (0, 1 h] and every PerAccount and PerSource must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<StudentActionLimiter>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CircuitHandler, SourceCircuitHandler>();
        return builder;
    }

    /// <summary>Each HTTP request acts from its client address (after the forwarded-headers middleware).</summary>
    public static WebApplication UseActionSource(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            using var scope = ActionSource.Use(ActionSource.FromAddress(context.Connection.RemoteIpAddress));
            await next(context);
        });
        return app;
    }
}
