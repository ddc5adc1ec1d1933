using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampTrading.Web.Identity.Students;

/// <summary>
/// Each signed Telegram Login Widget payload signs in once (SPEC §6): the first use stores a SHA-256 of its hash in
/// <c>telegram_login_replays</c> until the payload would be stale anyway; a second use finds it there.
/// </summary>
public sealed class TelegramLoginReplays(NpgsqlDataSource dataSource, IOptions<TelegramLoginOptions> options, TimeProvider time)
{
    /// <summary>True on the first use of the payload signed with <paramref name="signatureHex"/>, false on any later one.</summary>
    public async Task<bool> TryUseAsync(string signatureHex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signatureHex);
        var now = time.GetUtcNow();
        await using (var cleanup = dataSource.CreateCommand("delete from telegram_login_replays where expires_at < $1"))
        {
            cleanup.Parameters.Add(new NpgsqlParameter { Value = now });
            await cleanup.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var cmd = dataSource.CreateCommand(
            "insert into telegram_login_replays (payload_hash, expires_at) values ($1, $2) on conflict (payload_hash) do nothing");
        cmd.Parameters.Add(new NpgsqlParameter { Value = SHA256.HashData(Encoding.ASCII.GetBytes(signatureHex.ToLowerInvariant())) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now + options.Value.LoginMaxAge + options.Value.AllowedClockSkew + TimeSpan.FromMinutes(1) });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
