using System.Net;

namespace CampTrading.Web.Infrastructure.Metrics;

/// <summary>Who may read /metrics besides signed-in staff and this machine: section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>Networks a Prometheus server scrapes from, in CIDR notation (e.g. <c>10.0.0.0/24</c>); none by default.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    internal IReadOnlyList<IPNetwork> Networks() =>
        [.. AllowedNetworks.Select(n => IPNetwork.TryParse(n.Trim(), out var network) ? network
            : throw new InvalidOperationException($"Metrics:AllowedNetworks has \"{n}\", which is not a network in CIDR notation (such as 10.0.0.0/24)."))];
}
