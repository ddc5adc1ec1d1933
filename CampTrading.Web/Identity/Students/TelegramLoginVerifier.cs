using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Identity.Students;

public enum TelegramLoginStatus { Valid, NotConfigured, Malformed, BadSignature, Stale, FromTheFuture }

public sealed record TelegramLoginResult(TelegramLoginStatus Status, long TelegramUserId = 0, string? FirstName = null)
{
    public bool IsValid => Status == TelegramLoginStatus.Valid;
}

/// <summary>
/// Verifies Telegram Login Widget data (https://core.telegram.org/widgets/login#checking-authorization):
/// the hash is HMAC-SHA256 of the data-check-string (every field but <c>hash</c>, sorted by key, as
/// <c>key=value</c> joined by line feeds) keyed with SHA-256 of the bot token; auth_date must be recent
/// (<see cref="TelegramLoginOptions.LoginMaxAge"/>) and not in the future.
/// </summary>
public sealed class TelegramLoginVerifier(IOptions<TelegramLoginOptions> options, TimeProvider time)
{
    private const int MaxFieldLength = 512;

    public TelegramLoginResult Verify(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.BotToken)) return new(TelegramLoginStatus.NotConfigured);
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (key.Length > 64 || value.Length > MaxFieldLength || !data.TryAdd(key, value)) return new(TelegramLoginStatus.Malformed);
        }
        if (!data.Remove("hash", out var hash) || hash.Length != 64
            || !data.TryGetValue("id", out var idText) || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0
            || !data.TryGetValue("auth_date", out var dateText) || !long.TryParse(dateText, NumberStyles.None, CultureInfo.InvariantCulture, out var authDate))
            return new(TelegramLoginStatus.Malformed);

        var checkString = string.Join('\n', data.Select(kv => $"{kv.Key}={kv.Value}"));
        var expected = HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(o.BotToken)), Encoding.UTF8.GetBytes(checkString));
        byte[] given;
        try
        {
            given = Convert.FromHexString(hash);
        }
        catch (FormatException)
        {
            return new(TelegramLoginStatus.Malformed);
        }
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return new(TelegramLoginStatus.BadSignature);

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (authDate > now + (long)o.AllowedClockSkew.TotalSeconds) return new(TelegramLoginStatus.FromTheFuture);
        if (now - authDate > (long)o.LoginMaxAge.TotalSeconds) return new(TelegramLoginStatus.Stale);
        return new(TelegramLoginStatus.Valid, id, data.GetValueOrDefault("first_name"));
    }

    /// <summary>Signs widget data the way Telegram does (for tests and local stand-ins).</summary>
    public static string Sign(string botToken, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var checkString = string.Join('\n', fields.Where(kv => kv.Key != "hash").OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(botToken)), Encoding.UTF8.GetBytes(checkString)));
    }
}
