using CampTrading.Core.ReadModels;
using CampTrading.Web.Components;
using CampTrading.Web.Exchange;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Trading;

/// <summary>
/// Base of the trading widgets: each reads the views it shows from the market read model and
/// re-renders when a published <see cref="MarketUpdate"/> touches them (<see cref="Touches"/>).
/// </summary>
public abstract class MarketComponent : LiveComponent<MarketUpdate>
{
    [Inject] protected ExchangeService Exchange { get; set; } = default!;
    [Inject] private IOptions<ExchangeOptions> ExchangeOptions { get; set; } = default!;

    protected MarketReadModel Market => Exchange.Market;

    /// <summary>The camp's time zone: every time shown on the page is in it.</summary>
    protected TimeZoneInfo CampZone => CampFormat.Zone(ExchangeOptions.Value.TimeZone);

    protected override Broadcast<MarketUpdate> Changes => Exchange.FramedUpdates;

    /// <summary>Whether this update changes anything the component shows.</summary>
    protected abstract override bool Touches(MarketUpdate update);

    /// <summary>Runs on the renderer's context for the relevant updates of one wake-up; re-renders by default.</summary>
    protected virtual Task OnMarketUpdatedAsync(IReadOnlyList<MarketUpdate> updates)
    {
        StateHasChanged();
        return Task.CompletedTask;
    }

    protected sealed override Task OnChangesAsync(IReadOnlyList<MarketUpdate> changes) => OnMarketUpdatedAsync(changes);
}
