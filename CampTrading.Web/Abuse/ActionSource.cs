using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CampTrading.Web.Abuse;

/// <summary>
/// Who is acting, seen from the network: the client address for the web and APIs, <c>telegram:{userId}</c> for the bot.
/// It is ambient (like <see cref="System.Diagnostics.Activity.Current"/>): set once per HTTP request, per circuit
/// activity, or per bot update with <see cref="Use"/>, and read where the action reaches the exchange, so every page,
/// endpoint and bot command is counted without passing it through each call.
/// </summary>
public static class ActionSource
{
    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>The source of the action running now, or null when none was set (then only the account is limited).</summary>
    public static string? Current => Ambient.Value;

    /// <summary>Makes <paramref name="source"/> current until the returned scope is disposed.</summary>
    public static Scope Use(string? source)
    {
        var previous = Ambient.Value;
        Ambient.Value = source;
        return new Scope(previous);
    }

    /// <summary>
    /// A client address as a source. IPv6 clients are grouped by their /64 network (one household or device usually holds
    /// a whole /64, so single addresses would give an attacker endless fresh allowances); IPv4-mapped IPv6 is read as IPv4.
    /// </summary>
    public static string? FromAddress(IPAddress? address)
    {
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public static string FromTelegram(long userId) => "telegram:" + userId.ToString(CultureInfo.InvariantCulture);

    public readonly struct Scope(string? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
