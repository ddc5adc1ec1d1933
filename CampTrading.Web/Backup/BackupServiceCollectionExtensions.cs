using CampTrading.Web.Infrastructure.Postgres;

namespace CampTrading.Web.Backup;

public static class BackupServiceCollectionExtensions
{
    /// <summary>Dumps and restores of the app's database. Call after AddCampDatabase (which settles the connection string).</summary>
    public static WebApplicationBuilder AddBackupServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(_ => new DatabaseBackup(configuration.GetConnectionString(CampDatabaseServiceCollectionExtensions.ConnectionStringName)
            ?? throw new InvalidOperationException("No database connection string.")));
        builder.Services.AddSingleton(sp => new BackupFiles(sp.GetRequiredService<DatabaseBackup>(),
            configuration["Backup:Directory"] is { Length: > 0 } folder ? folder : Path.Combine(Directory.GetCurrentDirectory(), ".campdata", "backups"),
            TimeProvider.System));
        return builder;
    }
}
