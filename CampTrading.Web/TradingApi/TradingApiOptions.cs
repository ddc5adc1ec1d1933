using System.ComponentModel.DataAnnotations;

namespace CampTrading.Web.TradingApi;

/// <summary>Settings of the trading API (section <c>TradingApi</c>). The limits are shown to students on the token page.</summary>
public sealed class TradingApiOptions
{
    public const string Section = "TradingApi";

    /// <summary>Whether the API answers before staff first switch it on or off (the switch is kept in the database).</summary>
    public bool EnabledByDefault { get; set; } = true;

    /// <summary>Tokens one student may hold at once (revoked and expired ones do not count).</summary>
    [Range(1, 100)]
    public int MaxTokensPerStudent { get; set; } = 5;

    /// <summary>The longest expiry a student may choose; tokens without an expiry live until revoked.</summary>
    [Range(1, 365)]
    public int MaxExpiryDays { get; set; } = 30;

    /// <summary>Token bucket of one token: this many requests at once, refilled at <see cref="TokenRequestsPerSecond"/>.</summary>
    [Range(1, 100_000)]
    public int TokenBurst { get; set; } = 20;

    [Range(1, 100_000)]
    public int TokenRequestsPerSecond { get; set; } = 5;

    /// <summary>Token bucket of one student over all their tokens.</summary>
    [Range(1, 100_000)]
    public int StudentBurst { get; set; } = 30;

    [Range(1, 100_000)]
    public int StudentRequestsPerSecond { get; set; } = 8;

    /// <summary>Public market-data requests one client address may make per minute.</summary>
    [Range(1, 1_000_000)]
    public int PublicRequestsPerMinute { get; set; } = 600;

    /// <summary>Requests with a missing, malformed, unknown or wrong token one client address may make per minute.</summary>
    [Range(1, 100_000)]
    public int BadTokensPerMinute { get; set; } = 20;

    /// <summary>How long a looked-up token is trusted before it is read again (a revoke on this instance clears it at once).</summary>
    public TimeSpan TokenCacheFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often request counts and last use are written to the database.</summary>
    public TimeSpan UsageFlushEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest request body read; larger ones are answered 413 before anything is parsed.</summary>
    [Range(256, 65_536)]
    public int MaxRequestBytes { get; set; } = 4_096;

    public bool IsValid => TokenCacheFor >= TimeSpan.Zero && TokenCacheFor <= TimeSpan.FromSeconds(30)
        && UsageFlushEvery > TimeSpan.Zero && UsageFlushEvery <= TimeSpan.FromMinutes(5);
}
