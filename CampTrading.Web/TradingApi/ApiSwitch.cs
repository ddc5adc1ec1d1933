using Microsoft.Extensions.Options;

namespace CampTrading.Web.TradingApi;

/// <summary>
/// The camp-wide on/off switch of the trading API, kept in the database (<c>api_settings</c>) and read at most every
/// <see cref="TradingApiOptions.TokenCacheFor"/>; a change on this instance takes effect at once.
/// </summary>
public sealed class ApiSwitch(ApiTokenStore store, IOptions<TradingApiOptions> options, TimeProvider time)
{
    private volatile StrongBox? _cached;

    private sealed record StrongBox(bool Enabled, DateTimeOffset LoadedAt);

    public async Task<bool> IsEnabledAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cached is { } cached && now - cached.LoadedAt < options.Value.TokenCacheFor) return cached.Enabled;
        var enabled = await store.EnabledAsync(cancellationToken) ?? options.Value.EnabledByDefault;
        _cached = new StrongBox(enabled, now);
        return enabled;
    }

    public async Task SetAsync(bool enabled, string actor, CancellationToken cancellationToken = default)
    {
        await store.SetEnabledAsync(enabled, actor, cancellationToken);
        _cached = new StrongBox(enabled, time.GetUtcNow());
    }
}
