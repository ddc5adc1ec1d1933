using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.LoadDriver.Circuits;

/// <summary>
/// One Blazor Server circuit held the way blazor.web.js holds it, without a browser: fetch the prerendered page, open the
/// hub with the student's cookie, StartCircuit, UpdateRootComponents with the page's markers; then acknowledge every render
/// batch in order (the server stops sending after a few unacknowledged ones) and answer every JS call so no component
/// waits on one (a module import gets an object reference, anything else null). The market a page shows reaches it by
/// its own stream (<see cref="LiveStreamClient"/>), not by the circuit.
/// </summary>
internal sealed class CircuitClient(Uri baseAddress, string path, CookieContainer cookies, HttpClient http) : IAsyncDisposable
{
    private HubConnection? _hub;
    private string? _circuitId;
    private long _nextObjectId;

    public string Path => path;

    /// <summary>Render batches received since the circuit (last) started.</summary>
    public long Batches { get; private set; }

    /// <summary>Raised when the server closes the connection (a restart, a crash) or the network drops it.</summary>
    public event Action<CircuitClient>? Dropped;
    public long Errors { get; private set; }
    public bool IsConnected => _hub?.State == HubConnectionState.Connected;

    /// <summary>Starts the circuit; true once the server accepted it (its first render follows).</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        var page = PrerenderedPage.Parse(await http.GetStringAsync(new Uri(baseAddress, path), cancellationToken));
        if (page.Markers.Count == 0) throw new InvalidOperationException($"{path}: the page has no interactive component");
        Batches = 0;

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "_blazor"), HttpTransportType.WebSockets, options => options.Cookies = cookies);
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol()); // the last protocol registered is the one used
        _hub = builder.Build();
        OnServerCalls(_hub);
        var hub = _hub;
        hub.Closed += _ =>
        {
            if (_hub == hub) Dropped?.Invoke(this);
            return Task.CompletedTask;
        };
        await _hub.StartAsync(cancellationToken);
        _circuitId = await _hub.InvokeAsync<string?>("StartCircuit", baseAddress.ToString(), new Uri(baseAddress, path).ToString(), "[]", page.ApplicationState, cancellationToken);
        if (_circuitId is null) return false;
        await _hub.SendAsync("UpdateRootComponents", page.AddOperations(), page.ApplicationState, cancellationToken);
        return true;
    }

    private void OnServerCalls(HubConnection hub)
    {
        hub.On<long, byte[]>("JS.RenderBatch", async (id, batch) =>
        {
            Batches++;
            await hub.SendAsync("OnRenderCompleted", id, (string?)null);
        });
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            var handle = (long)args[0]!;
            if (handle == 0) return;
            object? result = (int)args[3]! == 1 ? new Dictionary<string, long> { ["__jsObjectId"] = Interlocked.Increment(ref _nextObjectId) } : null;
            await hub.SendAsync("EndInvokeJSFromDotNet", handle, true, JsonSerializer.Serialize(new object?[] { handle, true, result }));
        });
        hub.On<string>("JS.Error", _ => Errors++);
        foreach (var ignored in new[] { "JS.EndInvokeDotNet", "JS.EndUpdateRootComponents", "JS.EndLocationChanging" })
            hub.On(ignored, [], _ => Task.CompletedTask);
    }

    /// <summary>
    /// What a phone does when its circuit is gone after a server restart: load the page again and start a new circuit
    /// (the app's reconnect script reloads rather than retrying a circuit the new process never had).
    /// </summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        var old = _hub;
        _hub = null;
        _circuitId = null;
        if (old is not null) await old.DisposeAsync();
        return await StartAsync(cancellationToken);
    }

    /// <summary>Ends the circuit as a closing tab does: the disconnect beacon (the server disposes it now) and the socket closed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_circuitId is { } id)
        {
            try
            {
                using var form = new FormUrlEncodedContent([new("circuitId", id)]);
                using var _ = await http.PostAsync(new Uri(baseAddress, "_blazor/disconnect"), form);
            }
            catch (HttpRequestException)
            {
                // the server is gone: nothing to dispose there
            }
        }
        var hub = _hub;
        _hub = null; // a close from here on is ours, not a drop
        if (hub is not null) await hub.DisposeAsync();
    }

    public static double UnixMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
}
