using System.Text;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Roster;

namespace CampTrading.Tests.Roster;

/// <summary>The roster import against real PostgreSQL and the product's durable sequencer.</summary>
public sealed class RosterImportTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Roster = "\uFEFFid,name,team,email\nS001,王小明,Red,ming@example.org\nS002,\"Lee, Ann\",Blue,\nS003,Bob,,\n";

    [Fact]
    public async Task Preview_counts_new_rows_and_lists_errors_without_changing_anything()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "roster_preview");
        var preview = await h.Importer.PreviewAsync(Encoding.UTF8.GetBytes(Roster + ",NoId,Red,\nS001,Dup,Red,\n"));
        Assert.Equal((2, 0, 0, 3), (preview.New, preview.Updated, preview.Unchanged, preview.Invalid)); // S001 twice: both refused
        Assert.Empty(await h.Students.ListAsync());
        Assert.Equal(0, await h.StudentAccountsInEngineAsync());
    }

    [Fact]
    public async Task Applying_opens_one_engine_account_per_student_with_team_and_a_unique_code()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "roster_apply");
        var students = await h.ImportAsync(Roster);
        Assert.Equal(3, students.Count);
        Assert.Equal(3, await h.StudentAccountsInEngineAsync());
        var ming = students["S001"];
        Assert.Equal(("王小明", "Red", "ming@example.org"), (ming.Name, ming.Team, ming.Email));
        var account = await h.Durable.Sequencer!.ReadAsync(e => e.FindAccount(ming.AccountId)!);
        Assert.Equal(("王小明", "Red"), (account.Name, account.Team));
        Assert.Null(students["S003"].Team);
        Assert.All(students.Values, s => Assert.True(RegistrationCodes.IsWellFormed(s.Secret)));
        Assert.Equal(3, students.Values.Select(s => s.Secret).Distinct().Count());
        Assert.Equal(3, students.Values.Select(s => s.AccountId).Distinct().Count());
    }

    [Fact]
    public async Task Re_uploading_is_idempotent_and_updates_names_and_teams_without_new_accounts()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "roster_reupload");
        var first = await h.ImportAsync(Roster);

        // The same file again: nothing to do.
        var again = await h.Importer.PreviewAsync(Encoding.UTF8.GetBytes(Roster));
        Assert.Equal((0, 0, 3), (again.New, again.Updated, again.Unchanged));
        Assert.False(again.CanApply);
        var result = await h.Importer.ApplyAsync(Encoding.UTF8.GetBytes(Roster), "test-admin");
        Assert.Equal((0, 0, 3), (result.Created, result.Updated, result.Unchanged));
        Assert.Equal(3, await h.StudentAccountsInEngineAsync());

        // A corrected file: a renamed student, a team move, one new student; no BOM this time.
        var second = await h.ImportAsync("id,name,team\nS001,王小明,Green\nS002,Ann Lee,Blue\nS003,Bob,\nS004,陳大文,Red\n");
        Assert.Equal(4, second.Count);
        Assert.Equal(4, await h.StudentAccountsInEngineAsync());
        foreach (var id in new[] { "S001", "S002", "S003" })
        {
            Assert.Equal(first[id].AccountId, second[id].AccountId);
            Assert.Equal(first[id].Secret, second[id].Secret);
        }
        Assert.Equal("Ann Lee", second["S002"].Name);
        Assert.Equal("Green", second["S001"].Team);
        Assert.Equal("ming@example.org", second["S001"].Email); // no email column: kept
        Assert.Equal("Green", await h.Durable.Sequencer!.ReadAsync(e => e.FindAccount(first["S001"].AccountId)!.Team));
    }

    [Fact]
    public async Task An_import_that_crashed_after_opening_the_account_reuses_it_when_run_again()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "roster_crash");
        // The crash: the engine account for S009 was opened (journaled), the student row was never written.
        var orphan = await h.Exchange.SubmitAsync(new CampTrading.Core.Engine.OpenAccount("林小華", CampTrading.Core.Accounts.AccountKind.Student, "Red", Key: "roster:S009"));
        Assert.True(orphan.IsOk);

        var students = await h.ImportAsync("id,name,team\nS009,林小華,Red\n");
        Assert.Equal((int)orphan.Id, students["S009"].AccountId);
        Assert.Equal(1, await h.StudentAccountsInEngineAsync());
    }

    [Fact]
    public async Task A_file_level_error_applies_nothing()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "roster_bad_file");
        var result = await h.Importer.ApplyAsync(Encoding.UTF8.GetBytes("name,team\nAnn,Red\n"), "test-admin");
        Assert.NotEmpty(result.Failed);
        Assert.Equal(0, result.Created);
        Assert.Empty(await h.Students.ListAsync());
    }
}
