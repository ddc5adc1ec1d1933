using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace SampleBot;

/// <summary>
/// The WebSocket stream (/api/v1/stream): authenticates with the token as the first message (what a browser would do;
/// a header works too), subscribes, and hands every message to <see cref="ReadAsync"/>. A background loop receives, so a
/// reader may wait with a timeout without tearing the socket down.
/// </summary>
public sealed class MarketStream : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>(new() { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId = 1;

    /// <summary>Why the server closed the stream (e.g. 4401 token_invalid, 4408 slow_consumer), once it has.</summary>
    public (WebSocketCloseStatus? Status, string? Reason) Closed => (_socket.CloseStatus, _socket.CloseStatusDescription);

    public static async Task<MarketStream> ConnectAsync(Uri baseUrl, string token, IEnumerable<string> channels, CancellationToken ct)
    {
        var stream = new MarketStream();
        var url = new UriBuilder(baseUrl) { Scheme = baseUrl.Scheme == "https" ? "wss" : "ws", Path = "/api/v1/stream" }.Uri;
        await stream._socket.ConnectAsync(url, ct);
        await stream.SendAsync(new { op = "auth", token }, ct);
        await stream.SendAsync(new { op = "subscribe", id = stream._nextId++, channels = channels.ToArray() }, ct);
        stream._receiving = stream.ReceiveLoopAsync();
        return stream;
    }

    /// <summary>Asks for a fresh book snapshot (after a gap in the book's sequence numbers).</summary>
    public Task RequestSnapshotAsync(string channel, CancellationToken ct) => SendAsync(new { op = "snapshot", id = _nextId++, channel }, ct);

    /// <summary>The next message, or null when none came within <paramref name="wait"/>. Throws when the stream has closed.</summary>
    public async Task<JsonElement?> ReadAsync(TimeSpan wait, CancellationToken ct)
    {
        if (_messages.Reader.TryRead(out var ready)) return ready;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        try
        {
            if (await _messages.Reader.WaitToReadAsync(timeout.Token) && _messages.Reader.TryRead(out var message)) return message;
            throw new WebSocketException($"the stream closed: {(int?)Closed.Status} {Closed.Reason}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task SendAsync(object message, CancellationToken ct) =>
        await _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, ct);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var text = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                text.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var message = JsonDocument.Parse(Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length)).RootElement.Clone();
                text.SetLength(0);
                await _messages.Writer.WriteAsync(message, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException)
        {
            // Closed or broken: the reader learns it from the completed channel.
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Going away anyway.
        }
        await _stop.CancelAsync();
        await _receiving;
        _socket.Dispose();
        _stop.Dispose();
    }
}
