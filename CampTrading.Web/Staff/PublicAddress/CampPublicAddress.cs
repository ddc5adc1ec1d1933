using CampTrading.Web.Staff.Checklist;

namespace CampTrading.Web.Staff.PublicAddress;

/// <summary>
/// The camp's public address: the base of every printed QR code (badges, point coupons) and of the bot's links. The one
/// place it is read. The staff set it on the console (stored in <c>camp_settings</c>); until then <c>Camp:PublicBaseUrl</c>
/// from the configuration is the default. Never the address a staff page happens to be opened on (a laptop's
/// 127.0.0.1 once made a whole print run that phones could not open).
/// </summary>
public sealed class CampPublicAddress(CampSettingsStore settings, IConfiguration configuration, ILogger<CampPublicAddress> logger)
{
    private volatile string? _stored;
    private volatile bool _loaded;

    /// <summary>The configured default (<c>Camp:PublicBaseUrl</c>), as written.</summary>
    public string? Configured => configuration["Camp:PublicBaseUrl"] is { Length: > 0 } url ? url : null;

    /// <summary>The address in force: the stored one, else the configured default (raw; see <see cref="Check"/>).</summary>
    public string? Raw => _stored ?? Configured;

    /// <summary>The address in force, checked.</summary>
    public PublicAddressCheck Check => PublicAddressRules.Check(Raw);

    /// <summary>The normalised base (no trailing slash) when well formed, loopback or not; null when unset or invalid.</summary>
    public string? Current => Check.Address;

    /// <summary>Whether the address in force came from the console (else the configuration).</summary>
    public bool IsFromConsole => _stored is not null;

    /// <summary>Reads the stored address (once; <see cref="SetAsync"/> keeps it current). A database failure leaves the default.</summary>
    public async Task<PublicAddressCheck> LoadAsync(CancellationToken ct = default)
    {
        if (_loaded) return Check;
        try
        {
            _stored = (await settings.GetAsync(CampSettingsStore.PublicAddress, ct))?.Value;
            _loaded = true;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            logger.LogWarning(ex, "Could not read the public address; using the configured default for now");
        }
        return Check;
    }

    /// <summary>Stores a well-formed address (loopback is allowed but stays flagged); returns the check, unchanged state when invalid.</summary>
    public async Task<PublicAddressCheck> SetAsync(string? text, string actor, CancellationToken ct = default)
    {
        var check = PublicAddressRules.Check(text);
        if (check.Address is not { } address) return check;
        await settings.SetAsync(CampSettingsStore.PublicAddress, address, actor, ct);
        _stored = address;
        _loaded = true;
        logger.LogInformation("Public address set to {Address} by {Actor}", address, actor);
        return check;
    }
}

/// <summary>Loads the stored public address at start, so the bot's first link already uses it.</summary>
internal sealed class PublicAddressLoader(CampPublicAddress address) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => address.LoadAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
