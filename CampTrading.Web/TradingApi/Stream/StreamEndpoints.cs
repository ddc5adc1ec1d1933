using System.Net.WebSockets;
using System.Text.Json;
using CampTrading.Web.Abuse;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.TradingApi.Stream;

/// <summary>
/// <c>GET /api/v1/stream</c> (WebSocket) and <c>GET /api/v1/stream/sse</c> (public channels as Server-Sent Events), protocol
/// v1 (docs/decisions/0019-market-data-stream.md). Client messages are read one at a time, at most
/// <see cref="StreamOptions.MaxMessageBytes"/> each; nothing a client sends can throw out of the loop.
/// </summary>
public static class StreamEndpoints
{
    private const int MaxChannelsPerOp = 50;

    public static async Task WebSocketAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var hub = services.GetRequiredService<StreamHub>();
        var options = services.GetRequiredService<IOptions<StreamOptions>>().Value;
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await ApiProblems.Validation("This is the WebSocket stream: connect with a WebSocket client (ws:// or wss://). For curl use /api/v1/stream/sse?channels=trades:CAMP.").ExecuteAsync(http);
            return;
        }
        if (!await services.GetRequiredService<ApiSwitch>().IsEnabledAsync(http.RequestAborted))
        {
            await ApiProblems.For(ApiCodes.ApiDisabled, "Staff have switched the trading API off for now; the web page still works.").ExecuteAsync(http);
            return;
        }
        var connection = new WebSocketStreamConnection(options.SendBufferMessages, AddressOf(http), services.GetRequiredService<StreamMetrics>(), options.CloseGrace);
        if (hub.TryOpen(connection) is { } refusal)
        {
            await ApiProblems.RateLimited(30, refusal).ExecuteAsync(http);
            return;
        }
        using var _ = connection;
        Task writing = Task.CompletedTask;
        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            connection.Attach(socket);
            writing = connection.RunWriterAsync();
            var reader = new StreamReader(connection, socket, hub, services.GetRequiredService<ApiTokenDirectory>(), options);
            var header = http.Request.Headers.Authorization;
            if (header.Count > 0) await reader.AuthenticateAsync(null, ApiTokens.FromAuthorization(header.ToString()) ?? "", http.RequestAborted);
            await reader.RunAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // the client went away
        }
        finally
        {
            connection.Close(StreamClose.Normal, "");
            await writing;
            hub.Close(connection);
        }
    }

    public static async Task SseAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var hub = services.GetRequiredService<StreamHub>();
        var options = services.GetRequiredService<IOptions<StreamOptions>>().Value;
        if (!await services.GetRequiredService<ApiSwitch>().IsEnabledAsync(http.RequestAborted))
        {
            await ApiProblems.For(ApiCodes.ApiDisabled, "Staff have switched the trading API off for now; the web page still works.").ExecuteAsync(http);
            return;
        }
        var names = http.Request.Query["channels"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wrong = names.Length is 0 or > MaxChannelsPerOp
            ? $"channels: 1–{MaxChannelsPerOp} public channels separated by commas, such as ?channels=trades:CAMP,book:CAMP,ticker:CAMP,status."
            : hub.CheckPublicChannels(names);
        if (wrong is not null)
        {
            await ApiProblems.Validation(wrong).ExecuteAsync(http);
            return;
        }
        var connection = new SseStreamConnection(http.Response, options.SendBufferMessages, AddressOf(http), services.GetRequiredService<StreamMetrics>(), options.SseKeepAlive);
        if (hub.TryOpen(connection) is { } refusal)
        {
            await ApiProblems.RateLimited(30, refusal).ExecuteAsync(http);
            return;
        }
        try
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events on at once
            await http.Response.StartAsync(http.RequestAborted);
            hub.Subscribe(connection, null, names);
            await connection.RunAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }
        finally
        {
            connection.Close(StreamClose.Normal, "");
            hub.Close(connection);
        }
    }

    private static string AddressOf(HttpContext http) => ActionSource.FromAddress(http.Connection.RemoteIpAddress) ?? "unknown";

    /// <summary>Reads and answers one WebSocket client's messages.</summary>
    private sealed class StreamReader(WebSocketStreamConnection connection, WebSocket socket, StreamHub hub, ApiTokenDirectory tokens, StreamOptions options)
    {
        private int _bad;
        private long _second;
        private int _messagesThisSecond;
        private int _opsThisSecond;

        public async Task RunAsync(CancellationToken aborted)
        {
            var buffer = new byte[options.MaxMessageBytes];
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), aborted);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    count += result.Count;
                }
                while (!result.EndOfMessage && count < buffer.Length);

                if (!result.EndOfMessage)
                {
                    while (!result.EndOfMessage) // skip the rest of a message that is too large
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(), aborted);
                        if (result.MessageType == WebSocketMessageType.Close) return;
                    }
                    if (!connection.IsClosing) Bad(null, $"A message may hold at most {options.MaxMessageBytes} bytes.");
                    continue;
                }
                if (connection.IsClosing) continue; // waiting for the client's close frame
                if (!CountMessage()) continue;
                if (result.MessageType != WebSocketMessageType.Text)
                {
                    Bad(null, "Send JSON text messages, not binary ones.");
                    continue;
                }
                await HandleAsync(buffer.AsMemory(0, count), aborted);
            }
        }

        private async Task HandleAsync(ReadOnlyMemory<byte> text, CancellationToken aborted)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
            }
            catch (JsonException)
            {
                Bad(null, "Not JSON: send one JSON object such as {\"op\":\"ping\",\"id\":1}.");
                return;
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var opElement) || Text(opElement) is not { } op)
                {
                    Bad(null, "Send one JSON object with an \"op\": subscribe, unsubscribe, snapshot, ping or auth.");
                    return;
                }
                long? id = null;
                if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
                {
                    if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out var n))
                    {
                        Bad(null, "\"id\" must be a whole number.");
                        return;
                    }
                    id = n;
                }
                switch (op)
                {
                    case "ping":
                        connection.TryEnqueue(StreamMessage.Reply("pong", id));
                        break;
                    case "subscribe":
                    case "unsubscribe":
                        if (!CountOp() || Channels(root, id) is not { } channels) return;
                        if (op == "subscribe") hub.Subscribe(connection, id, channels);
                        else hub.Unsubscribe(connection, id, channels);
                        break;
                    case "snapshot":
                        if (!CountOp()) return;
                        if (!root.TryGetProperty("channel", out var channel) || Text(channel) is not { } name)
                        {
                            Bad(id, "snapshot needs \"channel\", such as \"book:CAMP\".");
                            return;
                        }
                        hub.Snapshot(connection, id, name);
                        break;
                    case "auth":
                        if (!root.TryGetProperty("token", out var token) || Text(token) is not { } presented)
                        {
                            Bad(id, "auth needs \"token\": \"ctk_…\".");
                            return;
                        }
                        if (connection.Caller is not null)
                        {
                            Bad(id, "This stream is already authenticated.");
                            return;
                        }
                        await AuthenticateAsync(id, presented, aborted);
                        break;
                    default:
                        Bad(id, "Unknown op: use subscribe, unsubscribe, snapshot, ping or auth.");
                        break;
                }
            }
        }

        public async Task AuthenticateAsync(long? id, string presented, CancellationToken aborted)
        {
            var (caller, refusal) = await tokens.AuthenticateAsync(presented, aborted);
            if (caller is null)
            {
                connection.TryEnqueue(StreamMessage.Error(id, refusal!, refusal == ApiCodes.TokenInvalid
                    ? "The token is missing, malformed or unknown."
                    : $"The token cannot be used ({refusal}); create a new one on the API tokens page."));
                connection.Close(StreamClose.Unauthorized, refusal == ApiCodes.TokenInvalid ? StreamClose.TokenInvalid : StreamClose.TokenRevoked, drain: true);
                return;
            }
            if ((caller.Token.Scopes & ApiScopes.Read) == 0)
            {
                connection.TryEnqueue(StreamMessage.Error(id, ApiCodes.ScopeMissing, "The stream's private channels need a token with the 'read' scope."));
                connection.Close(StreamClose.Unauthorized, ApiCodes.ScopeMissing, drain: true);
                return;
            }
            if (hub.TryAuthenticate(connection, caller, presented) is { } limit)
            {
                connection.TryEnqueue(StreamMessage.Error(id, StreamCodes.TooManyConnections, limit));
                connection.Close(StreamClose.Policy, StreamCodes.TooManyConnections, drain: true);
                return;
            }
            connection.TryEnqueue(StreamMessage.Reply("authenticated", id));
        }

        private string[]? Channels(JsonElement root, long? id)
        {
            if (root.TryGetProperty("channels", out var channels) && channels.ValueKind == JsonValueKind.Array
                && channels.GetArrayLength() is > 0 and <= MaxChannelsPerOp)
            {
                var names = new List<string>(channels.GetArrayLength());
                foreach (var channel in channels.EnumerateArray())
                    if (Text(channel) is { } name) names.Add(name);
                    else break;
                if (names.Count == channels.GetArrayLength()) return [.. names];
            }
            Bad(id, $"\"channels\" must be an array of 1–{MaxChannelsPerOp} channel names.");
            return null;
        }

        /// <summary>
        /// A JSON string's text; null for anything else, and for a string whose escapes make no valid text (a lone
        /// surrogate such as <c>"\ud800"</c>, which <see cref="JsonDocument"/> accepts and <see cref="JsonElement.GetString"/> throws on).
        /// </summary>
        private static string? Text(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.String) return null;
            try
            {
                return element.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private void Bad(long? id, string message)
        {
            connection.TryEnqueue(StreamMessage.Error(id, StreamCodes.BadRequest, message));
            if (++_bad > options.MaxBadMessages) connection.Close(StreamClose.Policy, StreamClose.Abuse, drain: true);
        }

        /// <summary>False (and the connection closed 1008 abuse) when the client sends more than it may per second.</summary>
        private bool CountMessage()
        {
            var second = Environment.TickCount64 / 1000;
            if (second != _second)
            {
                _second = second;
                _messagesThisSecond = 0;
                _opsThisSecond = 0;
            }
            if (++_messagesThisSecond <= options.MaxMessagesPerSecond) return true;
            connection.Close(StreamClose.Policy, StreamClose.Abuse);
            return false;
        }

        private bool CountOp()
        {
            if (++_opsThisSecond <= options.MaxSubscribeOpsPerSecond) return true;
            connection.Close(StreamClose.Policy, StreamClose.Abuse);
            return false;
        }
    }
}
