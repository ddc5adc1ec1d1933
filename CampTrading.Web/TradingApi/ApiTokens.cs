using System.Security.Cryptography;
using System.Text;

namespace CampTrading.Web.TradingApi;

/// <summary>What a token may do. Read: market data is public anyway; read is the student's own portfolio, orders and fills. Trade: place and cancel.</summary>
[Flags]
public enum ApiScopes : short
{
    None = 0,
    Read = 1,
    Trade = 2,
}

/// <summary>
/// Personal API tokens: <c>ctk_{publicId}_{secret}</c>. The public id (10 base32 characters) names the token on pages and in
/// the usage table; the secret is 32 random bytes in base64url. Only SHA-256 of the secret is stored: the secret is 256
/// random bits, not a password, so no slow hash is needed to make guessing hopeless (docs/decisions/0017-trading-api.md).
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "ctk_";
    public const int PublicIdLength = 10;
    public const int SecretLength = 43;
    public const int TokenLength = 4 + PublicIdLength + 1 + SecretLength;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    public static string NewPublicId()
    {
        Span<byte> bytes = stackalloc byte[PublicIdLength];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[PublicIdLength];
        for (var i = 0; i < chars.Length; i++) chars[i] = Base32[bytes[i] & 31];
        return new string(chars);
    }

    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Format(string publicId, string secret) => Prefix + publicId + "_" + secret;

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    /// <summary>Splits a presented token; false for anything that is not exactly the form <see cref="Format"/> makes.</summary>
    public static bool TryParse(string? token, out string publicId, out string secret)
    {
        publicId = "";
        secret = "";
        if (token is null || token.Length != TokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[4 + PublicIdLength] != '_')
            return false;
        var id = token.AsSpan(4, PublicIdLength);
        foreach (var c in id)
            if (!Base32.Contains(c, StringComparison.Ordinal)) return false;
        var tail = token.AsSpan(4 + PublicIdLength + 1);
        foreach (var c in tail)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')) return false;
        publicId = id.ToString();
        secret = tail.ToString();
        return true;
    }

    public static bool Matches(string secret, byte[] storedHash) =>
        storedHash.Length == 32 && CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    /// <summary>The token from an <c>Authorization: Bearer …</c> header, or null.</summary>
    public static string? FromAuthorization(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 200) return null;
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    public static string ScopesText(ApiScopes scopes) => scopes switch
    {
        ApiScopes.Read | ApiScopes.Trade => "read,trade",
        ApiScopes.Trade => "trade",
        ApiScopes.Read => "read",
        _ => "",
    };
}
