using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace CampTrading.Web.Staff.PublicAddress;

/// <summary>Addresses this machine can likely be reached on from the camp's Wi-Fi: its IPv4 LAN addresses on the port in use.</summary>
public static class PublicAddressSuggestions
{
    /// <summary>Up to <paramref name="max"/> <c>http://{lan-ip}:{port}</c> candidates (never loopback or link-local).</summary>
    public static IReadOnlyList<string> Lan(int port, int max = 4)
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(ip => ip.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(ip) && !IsLinkLocal(ip))
                .Select(ip => port is 80 or <= 0 ? $"http://{ip}" : $"http://{ip}:{port}")
                .Distinct(StringComparer.Ordinal)
                .Take(max)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static bool IsLinkLocal(IPAddress ip) => ip.GetAddressBytes() is [169, 254, ..];

    /// <summary>
    /// Whether phones cannot reach this run at all: it listens on this computer only and the page itself was opened there.
    /// A page opened at another address (a reverse proxy's, <c>https://camp.example.org</c>) was reached from elsewhere,
    /// whatever the app itself listens on.
    /// </summary>
    public static bool LocalOnly(IEnumerable<string>? listening, Uri openedAt) =>
        !ReachableFromOtherMachines(listening) && PublicAddressRules.IsLoopback(openedAt);

    /// <summary>
    /// Whether the server listens where another machine can reach it: on every address (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>,
    /// <c>+</c>) or on one that is not loopback. <c>http://localhost:5080</c>, the Development run's default, serves this
    /// computer only, so its LAN addresses would not answer a phone. Unknown addresses (a test server) count as reachable.
    /// </summary>
    public static bool ReachableFromOtherMachines(IEnumerable<string>? listening)
    {
        var addresses = listening?.ToList() ?? [];
        if (addresses.Count == 0) return true;
        return addresses.Any(a =>
        {
            var host = a.Split("://", 2) is [_, var rest] ? rest : a;
            host = host.Split('/')[0];
            host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
            return !(host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
        });
    }
}
