using System.Globalization;
using System.Security.Claims;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Components;
using CampTrading.Web.Exchange;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CampTrading.Web.Staff.Console;

/// <summary>
/// Base of the live console pages: re-renders after every engine batch (coalesced) and, when
/// <see cref="RefreshEvery"/> is set, on a timer for values that change without a batch (health,
/// countdowns). Marks the page interactive after its first interactive render.
/// </summary>
public abstract class ConsolePage : LiveComponent<MarketUpdate>
{
    private Timer? _timer;

    [Inject] protected ExchangeService Exchange { get; set; } = default!;
    [Inject] protected StaffCommandRunner Runner { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected MarketReadModel Market => Exchange.Market;
    protected bool Interactive { get; private set; }
    protected virtual TimeSpan? RefreshEvery => null;

    protected static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    protected string Local(DateTimeOffset at, string format = "yyyy-MM-dd HH:mm") =>
        TimeZoneInfo.ConvertTime(at, Market.TimeZone).ToString(format, CultureInfo.InvariantCulture);

    protected DateOnly CampToday(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Market.TimeZone).DateTime);

    protected async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    protected override Broadcast<MarketUpdate> Changes => Exchange.FramedUpdates;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        if (RendererInfo.IsInteractive && _timer is null && RefreshEvery is { } every)
            _timer = new Timer(_ => _ = InvokeAsync(OnRefreshAsync), null, every, every);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            Interactive = true;
            StateHasChanged();
        }
    }

    /// <summary>Runs on the renderer's context after engine batches; re-renders by default.</summary>
    protected virtual Task OnMarketUpdatedAsync(IReadOnlyList<MarketUpdate> updates)
    {
        StateHasChanged();
        return Task.CompletedTask;
    }

    protected virtual Task OnRefreshAsync()
    {
        StateHasChanged();
        return Task.CompletedTask;
    }

    protected sealed override Task OnChangesAsync(IReadOnlyList<MarketUpdate> changes) => OnMarketUpdatedAsync(changes);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
            _timer = null;
        }
        base.Dispose(disposing);
    }
}
