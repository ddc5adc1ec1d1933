using System.Net.WebSockets;

namespace CampTrading.Web.TradingApi.Stream;

/// <summary>A WebSocket stream: the writer loop sends the queued messages one frame each, then the close frame with the code and reason.</summary>
public sealed class WebSocketStreamConnection(int capacity, string address, StreamMetrics metrics, TimeSpan closeGrace)
    : StreamConnection(capacity, address), IDisposable
{
    private WebSocket? _socket;
    private Timer? _cut;

    internal void Attach(WebSocket socket) => _socket = socket;

    /// <summary>A client that does not take its close frame (it stopped reading) is cut after the grace.</summary>
    protected override void OnClose() => _cut = new Timer(_ => _socket?.Abort(), null, closeGrace, Timeout.InfiniteTimeSpan);

    public async Task RunWriterAsync()
    {
        var socket = _socket ?? throw new InvalidOperationException("No socket attached.");
        try
        {
            while (await Outbound.WaitToReadAsync())
            {
                while (Outbound.TryRead(out var message))
                {
                    if (IsClosing && !DrainBeforeClose) break;
                    await socket.SendAsync(message.Utf8, WebSocketMessageType.Text, true, CancellationToken.None);
                    metrics.Sent();
                }
                if (IsClosing && !DrainBeforeClose) break;
            }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync((WebSocketCloseStatus)CloseCode, CloseReason, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // the client went away or was cut: nothing more to tell it
        }
    }

    public void Dispose() => _cut?.Dispose();
}
