using System.Collections.Concurrent;
using CampTrading.Core.Accounts;
using CampTrading.Web.Exchange;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.TradingApi;

/// <summary>Who is calling: the token and the account it acts for.</summary>
public sealed record ApiCaller(ApiToken Token)
{
    public int AccountId => Token.AccountId;
}

/// <summary>
/// Checks a presented bearer token on every request: its form, its hash (constant time), revocation and expiry, and that its
/// student's account is not disabled (from the engine's read model, in memory). Looked-up tokens are kept for at most
/// <see cref="TradingApiOptions.TokenCacheFor"/> and dropped at once when revoked here. Requests are counted in memory and
/// flushed to the database by <see cref="ApiUsageFlusher"/>.
/// </summary>
public sealed class ApiTokenDirectory(ApiTokenStore store, ExchangeService exchange, IOptions<TradingApiOptions> options, TimeProvider time)
{
    private const int MaxCached = 20_000;

    private sealed record Cached(ApiToken? Token, DateTimeOffset LoadedAt);

    private sealed class Usage
    {
        public long Requests;
        public DateTimeOffset LastUsed;
    }

    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);
    private ConcurrentDictionary<long, Usage> _usage = new();

    /// <summary>
    /// The caller, or the API code of the refusal (token_invalid, token_revoked, token_expired, account_disabled).
    /// <paramref name="countUsage"/>: false for the stream's periodic re-checks of an open connection (not requests).
    /// </summary>
    public async Task<(ApiCaller? Caller, string? Refusal)> AuthenticateAsync(string? presented, CancellationToken cancellationToken, bool countUsage = true)
    {
        if (!ApiTokens.TryParse(presented, out var publicId, out var secret)) return (null, ApiCodes.TokenInvalid);
        var token = await FindAsync(publicId, cancellationToken);
        if (token is null || !ApiTokens.Matches(secret, token.SecretHash)) return (null, ApiCodes.TokenInvalid);
        if (token.RevokedAt is not null) return (null, ApiCodes.TokenRevoked);
        var now = time.GetUtcNow();
        if (token.IsExpired(now)) return (null, ApiCodes.TokenExpired);
        if (exchange.Market.Account(token.AccountId) is not { } account || (account.Restrictions & AccountRestrictions.Disabled) != 0)
            return (null, ApiCodes.AccountDisabled);
        if (!countUsage) return (new ApiCaller(token), null);
        var usage = _usage.GetOrAdd(token.Id, _ => new Usage());
        lock (usage)
        {
            usage.Requests++;
            usage.LastUsed = now;
        }
        return (new ApiCaller(token), null);
    }

    /// <summary>Forgets a token at once (after a revoke), so the next request reads it again.</summary>
    public void Invalidate(string publicId) => _cache.TryRemove(publicId, out _);

    /// <summary>Requests counted in memory and not yet written, per token id.</summary>
    public long PendingRequests(long tokenId) => _usage.TryGetValue(tokenId, out var u) ? Interlocked.Read(ref u.Requests) : 0;

    /// <summary>Writes the counted requests and last uses to the database.</summary>
    public async Task FlushUsageAsync(CancellationToken cancellationToken = default)
    {
        var taken = Interlocked.Exchange(ref _usage, new ConcurrentDictionary<long, Usage>());
        var rows = new List<(long, long, DateTimeOffset)>();
        foreach (var (id, usage) in taken)
            lock (usage) rows.Add((id, usage.Requests, usage.LastUsed));
        try
        {
            await store.AddUsageAsync(rows, cancellationToken);
        }
        catch
        {
            foreach (var (id, requests, last) in rows) // keep the counts for the next flush
            {
                var usage = _usage.GetOrAdd(id, _ => new Usage());
                lock (usage)
                {
                    usage.Requests += requests;
                    if (last > usage.LastUsed) usage.LastUsed = last;
                }
            }
            throw;
        }
    }

    private async Task<ApiToken?> FindAsync(string publicId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(publicId, out var cached) && now - cached.LoadedAt < options.Value.TokenCacheFor) return cached.Token;
        var token = await store.FindByPublicIdAsync(publicId, cancellationToken);
        if (_cache.Count >= MaxCached) _cache.Clear();
        _cache[publicId] = new Cached(token, now);
        return token;
    }
}

/// <summary>Writes token usage every <see cref="TradingApiOptions.UsageFlushEvery"/>, and once more at shutdown.</summary>
public sealed class ApiUsageFlusher(ApiTokenDirectory directory, IOptions<TradingApiOptions> options, ILogger<ApiUsageFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageFlushEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await directory.FlushUsageAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("API token usage not written yet: {Error}", ex.Message);
        }
    }
}
