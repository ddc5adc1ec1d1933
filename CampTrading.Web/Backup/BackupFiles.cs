using System.Globalization;
using System.Text.RegularExpressions;

namespace CampTrading.Web.Backup;

/// <summary>One dump in the backups folder.</summary>
public sealed record BackupFile(string Name, long Bytes, DateTimeOffset CreatedAt);

/// <summary>
/// The backups folder (<c>Backup:Directory</c>, default <c>.campdata/backups</c> under the working directory, beside the embedded
/// database): timestamped dumps made from the staff console, listed newest first and opened only by their exact generated name.
/// </summary>
public sealed partial class BackupFiles(DatabaseBackup backup, string directory, TimeProvider clock)
{
    public const string Extension = ".dump";

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Dumps the database into a new file named after the current UTC time.</summary>
    public Task<BackupFile> CreateAsync(CancellationToken cancellationToken = default) => CreateAsync(NextName(), cancellationToken);

    /// <summary>The name the next dump gets: the current UTC time, with a counter when that second is taken.</summary>
    public string NextName()
    {
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = $"camptrading-{stamp}Z{Extension}";
        for (var n = 2; File.Exists(Path.Combine(Directory, name)); n++) name = $"camptrading-{stamp}Z-{n}{Extension}";
        return name;
    }

    /// <summary>Dumps the database into <paramref name="name"/> (from <see cref="NextName"/>), so the caller can name it beforehand.</summary>
    public async Task<BackupFile> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IsValidName(name)) throw new ArgumentException($"Not a backup file name: {name}", nameof(name));
        await backup.DumpAsync(Path.Combine(Directory, name), cancellationToken);
        return Describe(new FileInfo(Path.Combine(Directory, name)));
    }

    public IReadOnlyList<BackupFile> List() =>
        !System.IO.Directory.Exists(Directory) ? [] :
        new DirectoryInfo(Directory).EnumerateFiles("*" + Extension).Where(f => IsValidName(f.Name))
            .Select(Describe).OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Name, StringComparer.Ordinal).ToList();

    /// <summary>The full path of an existing dump, or null for any other name (no paths, no other files).</summary>
    public string? Find(string name) =>
        IsValidName(name) && File.Exists(Path.Combine(Directory, name)) ? Path.Combine(Directory, name) : null;

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    private static BackupFile Describe(FileInfo file) => new(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));

    [GeneratedRegex(@"^camptrading-\d{8}-\d{6}Z(-\d{1,4})?\.dump$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
