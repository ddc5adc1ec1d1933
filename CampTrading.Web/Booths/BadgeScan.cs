using CampTrading.Web.Roster;

namespace CampTrading.Web.Booths;

/// <summary>
/// What booth staff type or scan into the student field: the public student number printed on the badge (digits,
/// optionally after <c>#</c>; the badge's number QR holds just the digits). The private sign-in secret and its
/// <c>/login/…</c> QR are refused (SPEC §6: scanning never lets anyone act as the student, and an award is an act on
/// the account).
/// </summary>
public static class BadgeScan
{
    /// <summary>The student number, or null when the text holds none.</summary>
    public static int? StudentNumber(string? scanned) => StudentNumbers.Parse(scanned);
}
