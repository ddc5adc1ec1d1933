using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CampTrading.Web.Staff.Console;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>The staff console's dashboard sources (circuits, recent errors) and its action runner.</summary>
    public static WebApplicationBuilder AddStaffConsoleServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CircuitTracker>();
        builder.Services.AddScoped<CircuitHandler, TrackingCircuitHandler>();
        builder.Services.AddSingleton<RecentErrors>();
        builder.Services.AddSingleton<ILoggerProvider, RecentErrorsLoggerProvider>();
        builder.Services.AddScoped<StaffCommandRunner>();
        builder.Services.AddSingleton<TodayStats>();
        return builder;
    }
}
