using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using SampleBot;

// A sample bot for the CampTrading trading API: an order-book imbalance taker (see ImbalanceTaker.cs).
// Market data, its fills and balance come over the WebSocket stream; orders go over REST.
// Stops on Ctrl+C, after --seconds or after --max-orders orders. Exit code 0 when it stopped as asked.
if (BotOptions.Parse(args) is not { } options) return 64;

using var stop = new CancellationTokenSource(options.Duration);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop cleanly instead of dying mid-request
    stop.Cancel();
};
// SIGINT directly as well: without a terminal (a bot run by a supervisor or a test) Ctrl+C arrives only as the signal.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

using var api = new TradingApi(options.Url, options.Token);
var taker = new ImbalanceTaker(options, api);
try
{
    var instruments = await api.InstrumentsAsync(stop.Token);
    var instrument = instruments.GetProperty("instruments").EnumerateArray()
        .FirstOrDefault(i => string.Equals(i.GetProperty("symbol").GetString(), options.Symbol, StringComparison.OrdinalIgnoreCase));
    if (instrument.ValueKind == System.Text.Json.JsonValueKind.Undefined)
    {
        Program.Log($"unknown symbol {options.Symbol}");
        return 2;
    }
    var portfolio = await api.PortfolioAsync(stop.Token);
    taker.SetBalance(portfolio.GetProperty("availablePoints").GetInt64(), taker.AvailableShares(portfolio.GetProperty("holdings")));
    var price = instrument.GetProperty("lastPrice").GetInt64() is > 0 and var last ? last : instrument.GetProperty("referencePrice").GetInt64();
    Program.Log($"imbalance taker on {options.Symbol}: price {price}, " +
        $"band {instrument.GetProperty("bandLow").GetInt64()}-{instrument.GetProperty("bandHigh").GetInt64()}, " +
        $"{portfolio.GetProperty("availablePoints").GetInt64()} points");

    string[] channels = [$"trades:{options.Symbol}", $"book:{options.Symbol}", "fills", "balances"];
    await using var stream = await MarketStream.ConnectAsync(options.Url, options.Token, channels, stop.Token);
    while (!stop.IsCancellationRequested && !taker.Done)
    {
        if (await stream.ReadAsync(TimeSpan.FromMilliseconds(500), stop.Token) is { } message)
            await taker.OnMessageAsync(message, stream, stop.Token);
        await taker.DecideAsync(stop.Token);
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Ctrl+C or --seconds: a normal stop.
}
catch (ApiException ex)
{
    Program.Log($"the API refused: {ex.Message}");
    return 2;
}
catch (WebSocketException ex)
{
    Program.Log($"the stream failed: {ex.Message}");
    return 3;
}
catch (HttpRequestException ex)
{
    Program.Log($"cannot reach the app: {ex.Message}");
    return 4;
}
// Every order of this bot is immediate-or-cancel: none is left in the book to cancel.
Program.Log($"stopped after {taker.OrdersPlaced} orders");
return 0;

internal static partial class Program
{
    /// <summary>One line per action, with the time.</summary>
    public static void Log(string text) => Console.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {text}");
}
