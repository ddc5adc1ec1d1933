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
            .Validate(o => o.IsValid, "StudentLimits: Window must lie in (0, 1 h], every PerAccount and PerSource must be positive, and every SharedAddresses entry must be an address or a network such as 203.0.113.0/24.")
            .ValidateOnStart();
        builder.Services.AddSingleton<StudentActionLimiter>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CircuitHandler, SourceCircuitHandler>();
        return builder;
    }

    /// <summary>Each HTTP request acts from its client address (after the forwarded-headers middleware); a shared address from none.</summary>
    public static WebApplication UseActionSource(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StudentLimitOptions>>().Value;
        app.Use(async (context, next) =>
        {
            using var scope = ActionSource.Use(limits.SourceOf(context.Connection.RemoteIpAddress));
            await next(context);
        });
        return app;
    }
}
