using System.Security.Cryptography;

namespace CampTrading.Web.Roster;

/// <summary>Registration codes: 8 characters from a cryptographic source over an alphabet without look-alikes.</summary>
public static class RegistrationCodes
{
    /// <summary>Upper-case letters and digits without 0/O and 1/I/L (easy to misread on a badge).</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int Length = 8;

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>What a student may type: spaces and dashes are ignored, case does not matter.</summary>
    public static string Normalize(string? typed) =>
        string.Concat((typed ?? "").Where(ch => !char.IsWhiteSpace(ch) && ch != '-')).ToUpperInvariant();

    /// <summary>True when <paramref name="code"/> (normalized) could be a registration code at all.</summary>
    public static bool IsWellFormed(string code) => code.Length == Length && code.All(ch => Alphabet.Contains(ch, StringComparison.Ordinal));

    /// <summary>For print: ABCD-EFGH.</summary>
    public static string Format(string code) => code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;
}
