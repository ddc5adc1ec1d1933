using System.Globalization;

namespace CampTrading.LoadDriver;

internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public static Arguments Parse(IEnumerable<string> args)
    {
        var result = new Arguments();
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal)) { key = arg[2..]; result._values[key] = "true"; }
            else if (key is not null) { result._values[key] = arg; key = null; }
        }
        return result;
    }

    public string Connection => _values.TryGetValue("conn", out var c) ? c
        : Environment.GetEnvironmentVariable("ConnectionStrings__CampTrading")
          ?? throw new ArgumentException("--conn <connection string> is required");

    public long Long(string name, long fallback) =>
        _values.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public int Int(string name, int fallback) => (int)Long(name, fallback);

    public string Text(string name, string fallback) => _values.TryGetValue(name, out var v) ? v : fallback;
}
