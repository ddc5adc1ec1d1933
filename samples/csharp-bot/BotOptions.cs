using System.Globalization;

namespace SampleBot;

/// <summary>The command line: --url, --token, --symbol, and the strategy's knobs.</summary>
public sealed record BotOptions(Uri Url, string Token, string Symbol, long Size, double Ratio, int Depth, TimeSpan Cooldown, TimeSpan Duration, int MaxOrders)
{
    public const string Usage = """
        usage: dotnet run --project samples/csharp-bot -- --url http://localhost:5080 --token ctk_... [--symbol CAMP]
               [--size 1] [--ratio 2] [--depth 5] [--cooldown 1] [--seconds 3600] [--max-orders 1000]
        """;

    /// <summary>The options, or null (with the reason on stderr) when the command line is not usable.</summary>
    public static BotOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) return Fail($"unexpected argument: {args[i]}");
            values[args[i][2..]] = args[++i];
        }
        string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
        if (!values.TryGetValue("token", out var token)) return Fail("--token is required");
        if (!Uri.TryCreate(Get("url", "http://localhost:5080"), UriKind.Absolute, out var url)) return Fail("--url must be an absolute URL");
        try
        {
            var options = new BotOptions(url, token, Get("symbol", "CAMP").ToUpperInvariant(),
                long.Parse(Get("size", "1"), CultureInfo.InvariantCulture),
                double.Parse(Get("ratio", "2"), CultureInfo.InvariantCulture),
                int.Parse(Get("depth", "5"), CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(double.Parse(Get("cooldown", "1"), CultureInfo.InvariantCulture)),
                TimeSpan.FromSeconds(double.Parse(Get("seconds", "3600"), CultureInfo.InvariantCulture)),
                int.Parse(Get("max-orders", "1000"), CultureInfo.InvariantCulture));
            if (options.Size < 1 || options.Ratio < 1 || options.Depth < 1 || options.MaxOrders < 1 || options.Duration <= TimeSpan.Zero)
                return Fail("--size, --depth, --max-orders and --seconds must be positive, --ratio at least 1");
            return options;
        }
        catch (FormatException)
        {
            return Fail("numbers must be plain numbers, e.g. --ratio 2.5");
        }
    }

    private static BotOptions? Fail(string reason)
    {
        Console.Error.WriteLine(reason);
        Console.Error.WriteLine(Usage);
        return null;
    }
}
