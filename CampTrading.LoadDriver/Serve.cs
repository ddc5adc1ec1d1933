namespace CampTrading.LoadDriver;

/// <summary>The whole app on a database and port until standard input closes, then stopped as a deployment stops it.</summary>
internal static class Serve
{
    public static async Task<int> RunAsync(Arguments args)
    {
        await using var app = new DriverApp(args.Connection, new Dictionary<string, string>());
        var port = args.Int("port", 0);
        var baseAddress = port == 0 ? app.StartOnFreePort() : app.StartOn(port);
        Console.WriteLine($"listening {baseAddress}");
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
