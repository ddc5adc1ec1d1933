using System.Buffers;
using System.Text.Json;

namespace CampTrading.LoadDriver.Circuits;

/// <summary>
/// A page's market stream held the way liveMarket.js holds it (an EventSource): <c>GET live/market/{id}</c> or
/// <c>live/board</c>, one JSON frame per event, reconnecting a second after the stream ends. Each frame's trade ids (the
/// trade page's tape, the board's tape) are handed to <see cref="Shown"/> with the time the frame arrived: the browser draws
/// them in the same task, so this is when the phone shows them.
/// </summary>
internal sealed class LiveStreamClient(Uri baseAddress, string path, HttpClient http)
{
    /// <summary>Called with each frame's trade ids and the time it arrived (Unix ms).</summary>
    public Action<IReadOnlyList<long>, double>? Shown { get; init; }

    /// <summary>Frames received.</summary>
    public long Frames { get; private set; }

    public bool IsConnected { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(baseAddress, path), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                IsConnected = true;
                await ReadEventsAsync(stream, ids, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
            }
            IsConnected = false;
            try
            {
                await Task.Delay(1_000, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Thousands of these run on the measured box, so they read bytes, not strings: each line as UTF-8, each frame with a
    // Utf8JsonReader that stops after the tape.
    private async Task ReadEventsAsync(Stream stream, List<long> ids, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0) return;
            var arrived = CircuitClient.UnixMs();
            filled += read;
            var start = 0;
            int end;
            while ((end = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0)
            {
                var line = buffer.AsSpan(start, end - start);
                if (line.StartsWith("data: "u8))
                {
                    Frames++;
                    ids.Clear();
                    TradeIds(line[6..], ids);
                    Shown?.Invoke(ids, arrived);
                }
                start = end + 1;
            }
            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
        }
    }

    /// <summary>The first number of each row of the frame's tape ("t" on a trade page, "tape" on the board).</summary>
    private static void TradeIds(ReadOnlySpan<byte> json, List<long> ids)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
            if (!reader.ValueTextEquals("t"u8) && !reader.ValueTextEquals("tape"u8))
            {
                reader.Read();
                reader.TrySkip();
                continue;
            }
            reader.Read(); // [
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Read();
                ids.Add(reader.GetInt64());
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) { }
            }
            return;
        }
    }
}
