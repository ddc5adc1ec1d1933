using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CampTrading.Web.Abuse;

/// <summary>How many attempts of one kind an account, and a source (client address or Telegram user), may make per window.</summary>
public sealed class ActionLimit
{
    [Range(1, 1_000_000)]
    public int PerAccount { get; set; }

    /// <summary>Many students may share one address (camp Wi-Fi behind NAT), so this is set well above <see cref="PerAccount"/>.</summary>
    [Range(1, 1_000_000)]
    public int PerSource { get; set; }
}

/// <summary>Per-account and per-source rate limits on student actions (section <c>StudentLimits</c>). Refused attempts count too.</summary>
public sealed class StudentLimitOptions
{
    public const string Section = "StudentLimits";

    /// <summary>The fixed window every allowance below is counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Counters kept at most; idle ones are dropped first. Beyond it, new keys are refused until windows turn over.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxTrackedKeys { get; set; } = 200_000;

    public ActionLimit Orders { get; set; } = new() { PerAccount = 30, PerSource = 300 };
    public ActionLimit Cancels { get; set; } = new() { PerAccount = 60, PerSource = 600 };
    public ActionLimit QrRedemptions { get; set; } = new() { PerAccount = 10, PerSource = 100 };
    public ActionLimit Duels { get; set; } = new() { PerAccount = 20, PerSource = 200 };
    public ActionLimit Transfers { get; set; } = new() { PerAccount = 10, PerSource = 100 };
    public ActionLimit BotMessages { get; set; } = new() { PerAccount = 30, PerSource = 30 };

    /// <summary>
    /// Client addresses or networks (<c>203.0.113.7</c>, <c>203.0.113.0/24</c>) that many students share: the venue's public
    /// address when the app runs on a server on the internet and the camp's phones come through the venue's NAT. Student
    /// actions from them are limited per account only; elsewhere one address's allowance would be the whole camp's.
    /// </summary>
    public string[] SharedAddresses { get; set; } = [];

    private IPNetwork[]? _shared;

    /// <summary>The source a student action from <paramref name="address"/> counts against; null (per account only) for a shared address.</summary>
    public string? SourceOf(IPAddress? address)
    {
        if (address is null) return null;
        var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        _shared ??= SharedAddresses.Select(a => TryParseNetwork(a) ?? throw new InvalidOperationException($"StudentLimits:SharedAddresses: '{a}' is not an address or network.")).ToArray();
        return _shared.Any(n => n.Contains(client)) ? null : ActionSource.FromAddress(client);
    }

    private static IPNetwork? TryParseNetwork(string text)
    {
        text = text.Trim();
        if (IPNetwork.TryParse(text, out var network)) return network;
        return IPAddress.TryParse(text, out var one) ? new IPNetwork(one, one.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) : null;
    }

    public ActionLimit For(ActionKind kind) => kind switch
    {
        ActionKind.Order => Orders,
        ActionKind.Cancel => Cancels,
        ActionKind.QrRedeem => QrRedemptions,
        ActionKind.Duel => Duels,
        ActionKind.Transfer => Transfers,
        ActionKind.BotMessage => BotMessages,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public bool IsValid =>
        Window > TimeSpan.Zero && Window <= TimeSpan.FromHours(1)
        && Enum.GetValues<ActionKind>().All(k => For(k) is { PerAccount: > 0, PerSource: > 0 })
        && SharedAddresses.All(a => TryParseNetwork(a) is not null);
}
