using CampTrading.ComponentTests.Support;
using CampTrading.Web.Backup;
using CampTrading.Web.Staff.Console;

namespace CampTrading.ComponentTests.Records;

public sealed class BackupPanelTests : CampComponentTest
{
    private int _created;

    private static readonly BackupFile[] Two =
    [
        new("camptrading-20260701-101500Z.dump", 3 << 20, new DateTimeOffset(2026, 7, 1, 10, 15, 0, TimeSpan.Zero)),
        new("camptrading-20260701-090000Z.dump", 512 * 1024, new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero)),
    ];

    private IRenderedComponent<BackupPanel> RenderPanel(IReadOnlyList<BackupFile> files) =>
        Render<BackupPanel>(ps => ps
            .Add(c => c.Folder, "/srv/camp/backups")
            .Add(c => c.Files, files)
            .Add(c => c.TimeZone, TimeZoneInfo.CreateCustomTimeZone("camp", TimeSpan.FromHours(8), "camp", "camp"))
            .Add(c => c.Create, () =>
            {
                _created++;
                return Task.FromResult(new ConsoleOutcome(true, "已建立備份 camptrading-x.dump。Backup camptrading-x.dump written."));
            }));

    [Fact]
    public async Task Confirming_writes_a_backup_and_says_so_in_the_snackbar()
    {
        var providers = RenderWithProviders();
        var cut = RenderPanel([]);

        var click = cut.Find("[data-testid=backup-create]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("pg_dump", providers.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, _created);
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        Assert.Equal(1, _created);
        providers.WaitForAssertion(() => Assert.Contains("written", providers.Find("[data-testid=backup-message]").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-filled-success", providers.Find(".mud-snackbar").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_writes_nothing()
    {
        var providers = RenderWithProviders();
        var cut = RenderPanel([]);

        var click = cut.Find("[data-testid=backup-create]").ClickAsync(new());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-cancel]"));
        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await click;

        Assert.Equal(0, _created);
        Assert.Empty(providers.FindAll(".mud-snackbar"));
    }

    [Fact]
    public void The_dumps_are_listed_as_downloads_in_camp_time_with_their_size()
    {
        var cut = RenderPanel(Two);

        var files = cut.FindAll("[data-testid=backup-file]");
        Assert.Equal(2, files.Count);
        Assert.Equal("/staff/backup/files/camptrading-20260701-101500Z.dump", cut.FindAll("[data-testid=backup-download]")[0].GetAttribute("href"));
        Assert.Contains("2026-07-01 18:15:00 · 3.0 MB", files[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("512.0 KB", files[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=backup-none]"));
    }

    [Fact]
    public void No_dumps_says_so()
    {
        var cut = RenderPanel([]);

        Assert.Contains("No backups yet", cut.Find("[data-testid=backup-none]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/srv/camp/backups", cut.Find("[data-testid=backup-folder]").TextContent);
    }
}
