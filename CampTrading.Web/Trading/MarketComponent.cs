using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Trading;

/// <summary>
/// Base of the trading widgets: each reads the views it shows from the market read model and
/// re-renders when a published <see cref="MarketUpdate"/> touches them (<see cref="Touches"/>).
/// The subscription is taken in <see cref="OnInitialized"/> (before the first render reads the
/// views, so no change can slip between) and only when interactive; it ends on disposal.
/// </summary>
public abstract class MarketComponent : ComponentBase, IDisposable
{
    private CancellationTokenSource? _listening;

    [Inject] protected ExchangeService Exchange { get; set; } = default!;
    [Inject] private IOptions<ExchangeOptions> ExchangeOptions { get; set; } = default!;

    protected MarketReadModel Market => Exchange.Market;

    /// <summary>The camp's time zone: every time shown on the page is in it.</summary>
    protected TimeZoneInfo CampZone => CampFormat.Zone(ExchangeOptions.Value.TimeZone);

    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive || _listening is not null) return; // prerendered HTML is never updated
        _listening = new CancellationTokenSource();
        _ = ListenAsync(Market.Updates.Subscribe(), _listening.Token);
    }

    /// <summary>Whether this update changes anything the component shows.</summary>
    protected abstract bool Touches(MarketUpdate update);

    /// <summary>Runs on the renderer's context for the relevant updates of one wake-up; re-renders by default.</summary>
    protected virtual Task OnMarketUpdatedAsync(IReadOnlyList<MarketUpdate> updates)
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
                    // Coalesce whatever has queued up into one render.
                    var relevant = new List<MarketUpdate>();
                    while (reader.TryRead(out var update))
                        if (Touches(update)) relevant.Add(update);
                    if (relevant.Count > 0) await InvokeAsync(() => OnMarketUpdatedAsync(relevant));
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
        if (!disposing || _listening is null) return;
        _listening.Cancel();
        _listening.Dispose();
        _listening = null;
    }
}
