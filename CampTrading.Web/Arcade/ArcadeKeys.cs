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

    /// <summary>Splits a presented key; false when it is not of the form id.secret.</summary>
    public static bool TryParse(string? key, out int machineId, out string secret)
    {
        machineId = 0;
        secret = "";
        var dot = key?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || dot == key!.Length - 1) return false;
        if (!int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out machineId) || machineId <= 0) return false;
        secret = key[(dot + 1)..];
        return secret.Length <= 128;
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
