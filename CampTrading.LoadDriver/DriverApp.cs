using System.Net;
using System.Net.Sockets;
using CampTrading.Web.Exchange;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CampTrading.LoadDriver;

/// <summary>
/// The whole app in this process, in the Development environment (as the tests run it), on <paramref name="connectionString"/>,
/// quiet (warnings only), with the given settings on top. Any public type of the web assembly names its entry point (this
/// driver has a Program class of its own).
/// </summary>
internal sealed class DriverApp(string connectionString, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<ExchangeService>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:CampTrading", connectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>Starts Kestrel on a free loopback port and returns the app's base address.</summary>
    public Uri StartOnFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        UseKestrel(port);
        StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }
}

internal static class DriverCommands
{
    /// <summary>Submits a set-up command; a refusal ends the run with its code.</summary>
    public static async Task SubmitOkAsync(this ExchangeService exchange, CampTrading.Core.Engine.Command command)
    {
        var result = await exchange.SubmitAsync(command);
        if (!result.IsOk) throw new InvalidOperationException($"{command.GetType().Name} refused: {CampTrading.Core.Engine.RejectCodes.Code(result.Code)}");
    }
}
