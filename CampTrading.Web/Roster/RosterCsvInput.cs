namespace CampTrading.Web.Roster;

/// <summary>A roster as the import form hands it over: the CSV bytes and where they came from (a file name, or "pasted").</summary>
public sealed record RosterCsvInput(byte[] Csv, string Source);
