using CampTrading.Web.Exchange;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampTrading.Web.TradingApi;

/// <summary>Why a token was not created.</summary>
public enum TokenRefusal { None, NameInvalid, NoScope, ExpiryInvalid, TooMany }

/// <summary>A created token: the full token text is in <see cref="Secret"/>, shown once and never stored.</summary>
public sealed record CreatedToken(ApiToken? Token, string Secret, TokenRefusal Refusal)
{
    public bool Ok => Token is not null;
}

/// <summary>Students' tokens: create (at most <see cref="TradingApiOptions.MaxTokensPerStudent"/> live), list, revoke.</summary>
public sealed class ApiTokenService(ApiTokenStore store, ApiTokenDirectory directory, ExchangeService exchange, IOptions<TradingApiOptions> options, TimeProvider time)
{
    public const int MaxNameLength = 40;

    public TradingApiOptions Settings => options.Value;

    public async Task<CreatedToken> CreateAsync(int accountId, string? name, ApiScopes scopes, int? expiryDays, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || name.Any(c => char.IsControl(c) || c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069'))
            return new CreatedToken(null, "", TokenRefusal.NameInvalid);
        if ((scopes & (ApiScopes.Read | ApiScopes.Trade)) == 0 || (scopes & ~(ApiScopes.Read | ApiScopes.Trade)) != 0)
            return new CreatedToken(null, "", TokenRefusal.NoScope);
        if (expiryDays is { } days && (days < 1 || days > options.Value.MaxExpiryDays))
            return new CreatedToken(null, "", TokenRefusal.ExpiryInvalid);
        var expiresAt = expiryDays is { } d ? time.GetUtcNow().AddDays(d) : (DateTimeOffset?)null;
        for (var attempt = 0; ; attempt++)
        {
            var secret = ApiTokens.NewSecret();
            var publicId = ApiTokens.NewPublicId();
            try
            {
                var token = await store.TryInsertAsync(publicId, accountId, name, scopes, ApiTokens.Hash(secret), expiresAt,
                    options.Value.MaxTokensPerStudent, cancellationToken);
                return token is null ? new CreatedToken(null, "", TokenRefusal.TooMany) : new CreatedToken(token, ApiTokens.Format(publicId, secret), TokenRefusal.None);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                // a public id drawn twice (1 in 2^50): draw again
            }
        }
    }

    public Task<IReadOnlyList<ApiToken>> ListAsync(int accountId, CancellationToken cancellationToken = default) =>
        store.ListForAccountAsync(accountId, cancellationToken);

    /// <summary>A student revokes one of their own tokens; false when it is not theirs or already revoked.</summary>
    public async Task<bool> RevokeOwnAsync(int accountId, long tokenId, CancellationToken cancellationToken = default)
    {
        var revoked = await store.RevokeAsync(tokenId, accountId, "student", cancellationToken);
        if (revoked is not null) directory.Invalidate(revoked.PublicId);
        return revoked is not null;
    }

    /// <summary>Staff revoke any token (call through StaffCommandRunner so it is checked and audited).</summary>
    public async Task<ApiToken?> RevokeAnyAsync(long tokenId, string actor, CancellationToken cancellationToken = default)
    {
        var revoked = await store.RevokeAsync(tokenId, null, actor, cancellationToken);
        if (revoked is not null) directory.Invalidate(revoked.PublicId);
        return revoked;
    }

    /// <summary>Every token with its owner, usage flushed first so the counts are current.</summary>
    public async Task<IReadOnlyList<ApiTokenWithOwner>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        try { await directory.FlushUsageAsync(cancellationToken); }
        catch (NpgsqlException) { /* shown as last written */ }
        // An account outside the roster (e.g. a development sign-in) is named as the engine knows it.
        return (await store.ListAllAsync(cancellationToken))
            .Select(t => t.OwnerNumber is null && exchange.Market.Account(t.Token.AccountId) is { } a ? t with { OwnerName = a.Name } : t).ToArray();
    }
}
