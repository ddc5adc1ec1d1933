using MudBlazor;
using MudBlazor.Services;

namespace CampTrading.Web.Components;

public static class UiServiceCollectionExtensions
{
    public static WebApplicationBuilder AddUiServices(this WebApplicationBuilder builder)
    {
        // Run from the build output (`dotnet run -c Release`, as the README runs a camp) the framework's script and
        // MudBlazor's files are still in their packages; only Development finds them there unless told to. A published app
        // has them in wwwroot, and this then does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(options =>
        {
            ConfigureCircuits(options);
            // In Development (this machine only) a failed circuit call shows its real exception in the browser console,
            // which is where the browser tests read it.
            options.DetailedErrors = builder.Environment.IsDevelopment();
        });
        builder.Services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            config.SnackbarConfiguration.PreventDuplicates = true;
            config.SnackbarConfiguration.VisibleStateDuration = 5000;
            config.SnackbarConfiguration.ShowCloseIcon = true;
        });
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<CircuitFrame>();
        builder.Services.AddScoped<CircuitConnection>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitConnectionHandler>();
        return builder;
    }

    /// <summary>
    /// How long a dropped phone's circuit waits for it (decision 0014). A phone that loses the hall Wi-Fi for a minute
    /// reconnects to its own circuit within the first period. When the whole hall drops at once there are more
    /// disconnected circuits than the first limit: the oldest are evicted, and .NET 10 then keeps their persisted state
    /// (the pages' [PersistentState] values) in memory, so those phones resume on a new circuit with the same page state.
    /// </summary>
    internal static void ConfigureCircuits(Microsoft.AspNetCore.Components.Server.CircuitOptions options)
    {
        // Live circuits kept for reconnection (whole component trees: the expensive tier). Default 3 min / 100.
        options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        options.DisconnectedCircuitMaxRetained = 1_000;
        // Persisted state of evicted circuits (a few small values each: the cheap tier). Default 2 h / 1,000;
        // a camp has up to 10,000 participants, and a session break (a meal, an activity) lasts about an hour.
        options.PersistedCircuitInMemoryRetentionPeriod = TimeSpan.FromHours(2);
        options.PersistedCircuitInMemoryMaxRetained = 10_000;
    }
}
