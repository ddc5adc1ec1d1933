using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using CampTrading.Web.Components;
using MudBlazor;
using MudBlazor.Services;

namespace CampTrading.ComponentTests.Support;

/// <summary>
/// Base of every component test: MudBlazor's services with JavaScript calls answered loosely (no browser here), the
/// app's real resource-file localizers, and a fixed culture so texts and numbers are predictable. Components that need
/// popovers or dialogs render inside <see cref="RenderWithProviders"/>.
/// </summary>
public abstract class CampComponentTest : BunitContext, IAsyncLifetime
{
    // A wait is for a render, never a measure of speed: bunit's default second is too short on a CI box busy with the
    // browser tests (a suggestion list once took longer), so waits may take up to ten.
    static CampComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected CampComponentTest(string culture = "zh-TW")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddLocalization();
        Services.AddScoped<CircuitFrame>();
        Services.AddScoped<CircuitConnection>();
        Services.AddSingleton(TimeProvider.System); // a test that needs a fixed clock adds its own after this
    }

    /// <summary>The popover, dialog and snackbar providers a page's layout would render; render once, before the component.</summary>
    protected IRenderedComponent<MudProviderHost> RenderWithProviders() => Render<MudProviderHost>();

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable; xunit 2 calls this before Dispose.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected IDialogService Dialogs => Services.GetRequiredService<IDialogService>();
    protected ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();
}
