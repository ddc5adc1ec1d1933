using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampTrading.Web.Identity.Students;

/// <summary>A one-time login link's token (only its hash is stored) and when it stops working.</summary>
public sealed record LoginLink(string Token, DateTimeOffset ExpiresAt)
{
    public string Path => $"/login/link/{Token}";
}

/// <summary>
/// One-time login links the bot sends with <c>/login</c>: 256 random bits, stored as SHA-256, valid for
/// <see cref="StudentSignInOptions.LoginLinkLifetime"/> (10 minutes), consumed atomically by the first use.
/// </summary>
public sealed class LoginLinkService(NpgsqlDataSource dataSource, TimeProvider time, IOptions<StudentSignInOptions> options)
{
    public async Task<LoginLink> CreateAsync(int accountId, CancellationToken cancellationToken = default)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var link = new LoginLink(token, now + options.Value.LoginLinkLifetime);
        await using (var cleanup = dataSource.CreateCommand("delete from login_links where expires_at < $1"))
        {
            cleanup.Parameters.Add(new NpgsqlParameter { Value = now.AddDays(-1) });
            await cleanup.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var cmd = dataSource.CreateCommand(
            "insert into login_links (token_hash, account_id, created_at, expires_at) values ($1, $2, $3, $4)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Hash(token) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = accountId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        cmd.Parameters.Add(new NpgsqlParameter { Value = link.ExpiresAt });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return link;
    }

    /// <summary>The account the link signs in, or null when it is unknown, used or expired. A second use always fails.</summary>
    public async Task<int?> ConsumeAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        await using var cmd = dataSource.CreateCommand(
            "update login_links set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2 returning account_id");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Hash(token) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        return await cmd.ExecuteScalarAsync(cancellationToken) is int accountId ? accountId : null;
    }

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
