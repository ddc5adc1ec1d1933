using System.Globalization;
using System.Security.Claims;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CampTrading.Web.Staff.Console;

/// <summary>
/// Base of the live console pages: re-renders after every engine batch (coalesced) and, when
/// <see cref="RefreshEvery"/> is set, on a timer for values that change without a batch (health,
/// countdowns). Marks the page interactive after its first interactive render.
/// </summary>
public abstract class ConsolePage : ComponentBase, IDisposable
{
    private CancellationTokenSource? _listening;
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

    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive || _listening is not null) return;
        _listening = new CancellationTokenSource();
        _ = ListenAsync(Market.Updates.Subscribe(), _listening.Token);
        if (RefreshEvery is { } every) _timer = new Timer(_ => _ = InvokeAsync(OnRefreshAsync), null, every, every);
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

    private async Task ListenAsync(Broadcast<MarketUpdate>.Subscription subscription, CancellationToken cancellationToken)
    {
        using (subscription)
        {
            try
            {
                var reader = subscription.Reader;
                while (await reader.WaitToReadAsync(cancellationToken))
                {
                    var updates = new List<MarketUpdate>();
                    while (reader.TryRead(out var update)) updates.Add(update);
                    await InvokeAsync(() => OnMarketUpdatedAsync(updates));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                await DispatchExceptionAsync(ex);
            }
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        _timer?.Dispose();
        _timer = null;
        if (_listening is null) return;
        _listening.Cancel();
        _listening.Dispose();
        _listening = null;
    }
}
