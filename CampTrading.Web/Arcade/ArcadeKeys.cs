using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CampTrading.Web.Arcade;

/// <summary>
/// Arcade API keys: 32 random bytes in base64url, presented as <c>{machineId}.{secret}</c>. Only the SHA-256 of the
/// secret is stored (a 256-bit random secret needs no slow hash); comparison is constant-time.
/// </summary>
public static class ArcadeKeys
{
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Format(int machineId, string secret) => string.Create(CultureInfo.InvariantCulture, $"{machineId}.{secret}");

    /// <summary>Characters of a secret: 32 bytes in unpadded base64url.</summary>
    public const int SecretLength = 43;

    /// <summary>
    /// Splits a presented key; false when it is not exactly <c>{machineId}.{43 base64url characters}</c>, the only form
    /// <see cref="NewSecret"/> makes, so anything else is refused without looking anything up.
    /// </summary>
    public static bool TryParse(string? key, out int machineId, out string secret)
    {
        machineId = 0;
        secret = "";
        if (key is null || key.Length > 10 + 1 + SecretLength) return false;
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot is <= 0 or > 10 || key.Length - dot - 1 != SecretLength) return false;
        if (!int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out machineId) || machineId <= 0) return false;
        var tail = key.AsSpan(dot + 1);
        foreach (var c in tail)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')) return false;
        secret = tail.ToString();
        return true;
    }

    public static bool Matches(string secret, string storedHash)
    {
        byte[] expected;
        try { expected = Convert.FromHexString(storedHash); }
        catch (FormatException) { return false; }
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
