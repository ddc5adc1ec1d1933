using System.Globalization;
using System.Text;
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
    public Action<IReadOnlyList<string>, double>? Shown { get; init; }

    /// <summary>Frames received.</summary>
    public long Frames { get; private set; }

    public bool IsConnected { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(baseAddress, path), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
                IsConnected = true;
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                    var arrived = CircuitClient.UnixMs();
                    Frames++;
                    Shown?.Invoke(TradeIds(line.AsSpan(6)), arrived);
                }
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

    /// <summary>The first number of each row of the frame's tape ("t" on a trade page, "tape" on the board).</summary>
    private static List<string> TradeIds(ReadOnlySpan<char> json)
    {
        var ids = new List<string>();
        using var document = JsonDocument.Parse(json.ToString());
        var root = document.RootElement;
        if (root.TryGetProperty("t", out var tape) || root.TryGetProperty("tape", out tape))
            foreach (var row in tape.EnumerateArray())
                ids.Add(row[0].GetInt64().ToString(CultureInfo.InvariantCulture));
        return ids;
    }
}
