using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;

namespace CampTrading.Web.Roster;

public enum RosterChange { New, Updated, Unchanged, Invalid }

/// <summary>A row of the preview: what applying would do with it.</summary>
public sealed record RosterPreviewRow(RosterRow Row, RosterChange Change, Student? Existing);

public sealed record RosterPreview(IReadOnlyList<RosterPreviewRow> Rows, IReadOnlyList<string> FileErrors)
{
    public int New => Rows.Count(r => r.Change == RosterChange.New);
    public int Updated => Rows.Count(r => r.Change == RosterChange.Updated);
    public int Unchanged => Rows.Count(r => r.Change == RosterChange.Unchanged);
    public int Invalid => Rows.Count(r => r.Change == RosterChange.Invalid);
    public bool CanApply => FileErrors.Count == 0 && New + Updated > 0;
}

/// <summary>A row left out because it has errors: its line and the reasons (each in both languages).</summary>
public sealed record RosterSkip(int Line, string Reason);

/// <summary>
/// What applying did. <see cref="Failed"/> lists rows the engine refused (lines and reasons); <see cref="SkippedRows"/>
/// the rows left out for their errors.
/// </summary>
public sealed record RosterApplyResult(int Created, int Updated, int Unchanged, int Skipped, IReadOnlyList<string> Failed,
    IReadOnlyList<RosterSkip>? SkippedRows = null);

/// <summary>
/// Imports the roster CSV (SPEC §6): a preview first (per-row errors, counts of new/updated/unchanged), then an
/// idempotent apply keyed by the roster id: a new student gets an engine account (with the team) and a
/// registration code; a known one gets its name and team updated (team through the engine's SetTeam); a
/// re-upload of the same file changes nothing. Rows with errors are skipped.
/// </summary>
public sealed class RosterImporter(StudentStore students, ExchangeService exchange, ILogger<RosterImporter> logger)
{
    private static readonly SemaphoreSlim Applying = new(1, 1);

    public async Task<RosterPreview> PreviewAsync(byte[] csv, CancellationToken cancellationToken = default)
    {
        var file = RosterCsv.Parse(csv);
        if (file.FileErrors.Count > 0) return new RosterPreview([], file.FileErrors);
        var ids = file.Rows.Where(r => r.IsValid).Select(r => r.Id).ToList();
        var existing = await students.FindByExternalIdsAsync(ids, cancellationToken);
        return new RosterPreview(file.Rows.Select(r => Classify(r, existing)).ToList(), []);
    }

    public async Task<RosterApplyResult> ApplyAsync(byte[] csv, string actor, CancellationToken cancellationToken = default)
    {
        // One import at a time: two admins uploading the same new student must not open two accounts.
        await Applying.WaitAsync(cancellationToken);
        try
        {
            var preview = await PreviewAsync(csv, cancellationToken);
            if (preview.FileErrors.Count > 0) return new RosterApplyResult(0, 0, 0, 0, preview.FileErrors);
            int created = 0, updated = 0;
            var failed = new List<string>();
            foreach (var item in preview.Rows)
            {
                var row = item.Row;
                switch (item.Change)
                {
                    case RosterChange.New:
                        // Keyed by roster id: if a previous import crashed after opening the account but before saving the
                        // student, this returns that same account instead of opening a second one.
                        var opened = await exchange.SubmitAsync(new OpenAccount(row.Name, AccountKind.Student, row.Team, Key: "roster:" + row.Id), cancellationToken);
                        if (!opened.IsOk) { failed.Add($"line {row.Line}: {opened.Code}"); break; }
                        var accountId = (int)opened.Id;
                        while (!await students.TryInsertAsync(row.Id, accountId, row.Name, row.Team, row.Email, RegistrationCodes.Generate(), cancellationToken))
                            logger.LogInformation("Registration code clash; drawing another");
                        created++;
                        break;
                    case RosterChange.Updated:
                        var student = item.Existing!;
                        if (!string.Equals(student.Team, row.Team, StringComparison.Ordinal))
                        {
                            var moved = await exchange.SubmitAsync(new SetTeam(student.AccountId, row.Team, actor), cancellationToken);
                            if (!moved.IsOk) { failed.Add($"line {row.Line}: {moved.Code}"); break; }
                        }
                        await students.UpdateProfileAsync(student.Id, row.Name, row.Team, row.Email ?? student.Email, cancellationToken);
                        updated++;
                        break;
                }
            }
            logger.LogInformation("Roster imported by {Actor}: {Created} new, {Updated} updated, {Unchanged} unchanged, {Skipped} skipped, {Failed} failed",
                actor, created, updated, preview.Unchanged, preview.Invalid, failed.Count);
            var skipped = preview.Rows.Where(r => r.Change == RosterChange.Invalid).Select(r => new RosterSkip(r.Row.Line, string.Join("；", r.Row.Errors))).ToList();
            return new RosterApplyResult(created, updated, preview.Unchanged, preview.Invalid, failed, skipped);
        }
        finally
        {
            Applying.Release();
        }
    }

    private static RosterPreviewRow Classify(RosterRow row, Dictionary<string, Student> existing)
    {
        if (!row.IsValid) return new RosterPreviewRow(row, RosterChange.Invalid, null);
        if (!existing.TryGetValue(row.Id, out var student)) return new RosterPreviewRow(row, RosterChange.New, null);
        var same = student.Name == row.Name && student.Team == row.Team && (row.Email is null || student.Email == row.Email);
        return new RosterPreviewRow(row, same ? RosterChange.Unchanged : RosterChange.Updated, student);
    }
}
