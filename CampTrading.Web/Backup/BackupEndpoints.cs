using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;

namespace CampTrading.Web.Backup;

public static class BackupEndpoints
{
    public const string DownloadPrefix = "/staff/backup/files/";

    /// <summary>Downloads of the dumps in the backups folder (admins only; audited).</summary>
    public static IEndpointRouteBuilder MapBackupEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(DownloadPrefix + "{name}", DownloadAsync).RequireAuthorization(nameof(Permission.SystemAdmin)).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(string name, HttpContext http, BackupFiles files, AuditLog audit)
    {
        if (files.Find(name) is not { } path) return Results.NotFound();
        await audit.WriteAsync(http.User.Identity?.Name ?? "unknown", "backup.download", name, null, http.RequestAborted);
        return Results.File(path, "application/octet-stream", name);
    }
}
