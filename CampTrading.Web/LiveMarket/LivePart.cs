using CampTrading.Core.ReadModels;
using CampTrading.Web.Components;
using CampTrading.Web.Exchange;
using CampTrading.Web.Trading;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CampTrading.Web.LiveMarket;

/// <summary>
/// Base of the parts of a page that the shared market stream draws in the browser (liveMarket.js): the component renders
/// the part's frame once, with the elements the script fills left empty, and attaches the script to it after its first
/// interactive render. The component never draws the market again; it follows only what is the viewer's own (their
/// orders, their trades) and tells the script (<see cref="CallAsync"/>). Blazor never renders children into an element the
/// script fills, so the two never touch the same nodes.
/// </summary>
public abstract class LivePart : MarketComponent, IAsyncDisposable
{
    private IJSObjectReference? _module;
    private IJSObjectReference? _part;
    private IDisposable? _reconnected;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private CircuitConnection Connection { get; set; } = default!;
    [Inject] private LiveMarketHub Hub { get; set; } = default!;

    /// <summary>The element the script draws into.</summary>
    protected ElementReference Root { get; set; }

    /// <summary>The stream of one instrument's trade page, relative to the page's base address.</summary>
    protected static string InstrumentStream(int instrumentId) => $"live/market/{instrumentId}";

    /// <summary>The frame the script draws first, so the part is drawn before the stream's first event arrives.</summary>
    protected string? InitialFrame(int instrumentId) => Hub.Instrument(instrumentId)?.CurrentJson();

    /// <summary>Calls the module's function for this part; returns the part's handle (with <c>dispose</c>).</summary>
    protected abstract ValueTask<IJSObjectReference> AttachAsync(IJSObjectReference script);

    /// <summary>Only the viewer's own changes concern a live part (none by default): the market reaches it by the stream.</summary>
    protected override bool Follows => false;

    protected override bool Touches(MarketUpdate update) => false;

    protected override Task OnMarketUpdatedAsync(IReadOnlyList<MarketUpdate> updates) => Task.CompletedTask;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        // A connection that drops while the part attaches loses the call: attach again when it is back (the script
        // replaces a part attached twice to the same element).
        _reconnected = Connection.OnReconnected(() => _ = InvokeAsync(() => _part is null ? TryAttachAsync() : Task.CompletedTask));
        await TryAttachAsync();
    }

    private async Task TryAttachAsync()
    {
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/liveMarket.js");
            _part = await AttachAsync(_module);
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException)
        {
            // the phone left, or its connection dropped while the part attached: the reconnection tries again
        }
    }

    /// <summary>Calls a method of the attached part (setMine); nothing before it is attached or after the phone left.</summary>
    protected async Task CallAsync(string method, params object?[] args)
    {
        if (_part is null) return;
        try
        {
            await _part.InvokeVoidAsync(method, args);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
        _reconnected?.Dispose();
        try
        {
            if (_part is not null)
            {
                await _part.InvokeVoidAsync("dispose");
                await _part.DisposeAsync();
            }
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // the circuit is gone, and the page with it
        }
        GC.SuppressFinalize(this);
    }
}
