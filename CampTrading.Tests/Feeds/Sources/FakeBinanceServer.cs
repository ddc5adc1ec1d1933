using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampTrading.Tests.Feeds.Sources;

/// <summary>
/// A stand-in for stream.binance.com on loopback (Kestrel with WebSockets). It accepts any stream path (<c>/ws/...</c>,
/// <c>/stream?streams=...</c>), remembers which ones were asked for, and sends what a test pushes to every open
/// connection: trades and klines as Binance writes them, or raw text. It can drop every connection, politely or not.
/// Use it as <c>Feeds:Binance:BaseUrl</c> = <see cref="BaseUrl"/>.
/// </summary>
public sealed class FakeBinanceServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, Connection> _open = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly SemaphoreSlim _connected = new(0);
    private WebApplication? _app;
    private int _nextConnection;
    private long _nextTradeId = 1;

    private sealed class Connection(WebSocket socket)
    {
        public WebSocket Socket { get; } = socket;
        public SemaphoreSlim SendGate { get; } = new(1, 1);
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>ws://127.0.0.1:port (no path).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Connections accepted so far (reconnects included).</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _nextConnection);

    public int OpenConnections => _open.Count;

    /// <summary>The path and query of every connection, in order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    public static async Task<FakeBinanceServer> StartAsync(int port = 0)
    {
        var fake = new FakeBinanceServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(fake.AcceptAsync);
        await app.StartAsync();
        fake._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = "ws" + address["http".Length..];
        return fake;
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(socket);
        var id = Interlocked.Increment(ref _nextConnection);
        _requests.Enqueue(context.Request.Path + context.Request.QueryString);
        _open[id] = connection;
        _connected.Release();
        try
        {
            // Reading keeps the connection alive and answers the client's close; clients send nothing else to Binance here.
            var buffer = new byte[1024];
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close && socket.State == WebSocketState.CloseReceived)
                {
                    await connection.SendGate.WaitAsync();
                    try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); }
                    finally { connection.SendGate.Release(); }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(id, out _);
            connection.Done.TrySetResult();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> connections have been accepted since the start.</summary>
    public async Task WaitForConnectionsAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (ConnectionsAccepted < count) await _connected.WaitAsync(cts.Token);
    }

    /// <summary>Sends a trade message to every open connection; returns how many received it.</summary>
    public Task<int> PushTradeAsync(string symbol, decimal price, DateTimeOffset? time = null, decimal quantity = 0.01m)
    {
        var ms = (time ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds();
        var id = Interlocked.Increment(ref _nextTradeId);
        return PushRawAsync(Trade(symbol, price, ms, id, quantity));
    }

    /// <summary>A Binance trade message.</summary>
    public static string Trade(string symbol, decimal price, long timeMs, long tradeId = 1, decimal quantity = 0.01m) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"e":"trade","E":{{timeMs + 1}},"s":"{{symbol}}","t":{{tradeId}},"p":"{{price:0.00000000}}","q":"{{quantity:0.00000000}}","T":{{timeMs}},"m":true,"M":true}""");

    /// <summary>A Binance 1-minute kline message whose close is <paramref name="close"/> (its interval ends at <paramref name="closeTimeMs"/>).</summary>
    public static string Kline(string symbol, decimal close, long closeTimeMs, long eventTimeMs, bool closed = true) =>
        string.Create(CultureInfo.InvariantCulture,
            $$$"""{"e":"kline","E":{{{eventTimeMs}}},"s":"{{{symbol}}}","k":{"t":{{{closeTimeMs - 59_999}}},"T":{{{closeTimeMs}}},"s":"{{{symbol}}}","i":"1m","f":1,"L":2,"o":"{{{close:0.00}}}","c":"{{{close:0.00}}}","h":"{{{close:0.00}}}","l":"{{{close:0.00}}}","v":"1.0","n":2,"x":{{{(closed ? "true" : "false")}}},"q":"1.0"}}""");

    /// <summary>Wraps a message as a combined stream (<c>/stream?streams=...</c>) sends it.</summary>
    public static string Combined(string stream, string message) => $$"""{"stream":"{{stream}}","data":{{message}}}""";

    /// <summary>Sends text as one message to every open connection; returns how many received it.</summary>
    public Task<int> PushRawAsync(string text) => PushAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task<int> PushAsync(byte[] message, WebSocketMessageType type)
    {
        var sent = 0;
        foreach (var connection in _open.Values)
        {
            await connection.SendGate.WaitAsync();
            try
            {
                if (connection.Socket.State != WebSocketState.Open) continue;
                await connection.Socket.SendAsync(message, type, endOfMessage: true, CancellationToken.None);
                sent++;
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
            {
            }
            finally
            {
                connection.SendGate.Release();
            }
        }
        return sent;
    }

    /// <summary>Closes every open connection as Binance does after 24 hours (a close frame), and waits until they are gone.</summary>
    public async Task DisconnectAllAsync()
    {
        var closing = _open.Values.ToArray();
        foreach (var connection in closing)
        {
            await connection.SendGate.WaitAsync();
            try
            {
                if (connection.Socket.State == WebSocketState.Open)
                    await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "24h limit", CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
            {
            }
            finally
            {
                connection.SendGate.Release();
            }
        }
        await Task.WhenAny(Task.WhenAll(closing.Select(c => c.Done.Task)), Task.Delay(TimeSpan.FromSeconds(10)));
        foreach (var connection in closing) connection.Socket.Abort();
    }

    /// <summary>Drops every open connection without a close frame (a network failure).</summary>
    public void AbortAll()
    {
        foreach (var connection in _open.Values) connection.Socket.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        AbortAll();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _connected.Dispose();
    }
}
