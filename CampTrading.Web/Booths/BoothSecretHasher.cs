using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CampTrading.Web.Booths;

/// <summary>
/// Booth secrets hashed with PBKDF2-SHA256 and a random salt, stored as
/// <c>pbkdf2-sha256$iterations$salt$hash</c> (base64). Verification is constant-time.
/// </summary>
public static class BoothSecretHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string secret, int iterations)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string secret, string stored)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(stored)) return false;
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1) return false;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A readable random secret for a new booth (about 60 bits), from the QR alphabet.</summary>
    public static string Generate() => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12);
}
