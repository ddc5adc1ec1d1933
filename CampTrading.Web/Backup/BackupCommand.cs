namespace CampTrading.Web.Backup;

/// <summary>
/// <c>dotnet run --project CampTrading.Web -- backup &lt;file&gt;</c> writes a consistent dump of the configured (or embedded) database;
/// <c>-- restore &lt;file&gt; --yes</c> replaces that database's contents with a dump (stop the app first). See docs/BACKUP.md.
/// </summary>
public static class BackupCommand
{
    public const string Forms = "backup <file> | restore <file> --yes";

    public static bool IsCommand(string[] args) => args is ["backup", ..] or ["restore", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var backup = services.GetRequiredService<DatabaseBackup>();
        try
        {
            switch (args)
            {
                case ["backup", var file]:
                    await backup.DumpAsync(file);
                    await output.WriteLineAsync($"Backup written to {Path.GetFullPath(file)} ({new FileInfo(file).Length:N0} bytes).");
                    return 0;
                case ["restore", var file, "--yes"]:
                    await backup.RestoreAsync(file);
                    await output.WriteLineAsync($"Restored {Path.GetFullPath(file)}. Start the app: the engine recovers from the restored journal and snapshots.");
                    return 0;
                case ["restore", _]:
                    await output.WriteLineAsync("restore replaces every table of the configured database with the backup's. Stop the app, then add --yes.");
                    return 2;
                default:
                    await output.WriteLineAsync($"usage: {Forms}");
                    return 2;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"{args[0]} failed: {ex.Message}");
            return 1;
        }
    }
}
