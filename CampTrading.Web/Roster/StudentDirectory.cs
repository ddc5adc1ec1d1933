using Npgsql;
using NpgsqlTypes;

namespace CampTrading.Web.Roster;

/// <summary>
/// Which students the staff list shows: free text over name / external id / public student number, a team and an
/// account-id filter. The private sign-in secret is never a search key (any role that views users may search).
/// </summary>
public sealed record StudentSearch(
    string? Text = null,
    string? Team = null,
    IReadOnlyCollection<int>? AccountIds = null,
    bool ExcludeAccountIds = false,
    int Offset = 0,
    int PageSize = StudentSearch.DefaultPageSize,
    StudentSort Sort = StudentSort.Name,
    bool Descending = false)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

/// <summary>The columns the staff list can sort by in SQL (points and debt live in the engine, not in this table).</summary>
public enum StudentSort { Name, ExternalId, Team, Number }

public sealed record StudentListPage(IReadOnlyList<Student> Students, int Total);

/// <summary>Paged, filtered reads and login resets over the <c>students</c> table, for the staff console.</summary>
public sealed class StudentDirectory(NpgsqlDataSource dataSource, StudentStore store, Identity.Students.StudentSessions? sessions = null)
{
    private const string Filter =
        """
        where ($1::text is null or strpos(lower(name), lower($1)) > 0 or strpos(lower(external_id), lower($1)) > 0 or student_number = $2)
          and ($3::text is null or team = $3)
          and ($4::int[] is null or ((account_id = any($4)) <> $5))
        """;

    /// <summary>One page ordered by name, and how many match in all (LIMIT/OFFSET; the list never leaves the database whole).</summary>
    public async Task<StudentListPage> SearchAsync(StudentSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var size = Math.Clamp(search.PageSize, 1, StudentSearch.MaxPageSize);
        var text = string.IsNullOrWhiteSpace(search.Text) ? null : search.Text.Trim();

        await using var batch = dataSource.CreateBatch();
        var page = new NpgsqlBatchCommand(
            $"select {StudentStore.Columns} from students {Filter} order by {OrderBy(search.Sort, search.Descending)} limit $6 offset $7");
        AddFilter(page.Parameters, text, search);
        page.Parameters.Add(new NpgsqlParameter { Value = size, NpgsqlDbType = NpgsqlDbType.Integer });
        page.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, search.Offset), NpgsqlDbType = NpgsqlDbType.Integer });
        var count = new NpgsqlBatchCommand($"select count(*)::int from students {Filter}");
        AddFilter(count.Parameters, text, search);
        batch.BatchCommands.Add(page);
        batch.BatchCommands.Add(count);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var students = await StudentStore.ReadAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StudentListPage(students, reader.GetInt32(0));
    }

    /// <summary>
    /// Reset login (SPEC §6): a fresh secret (retrying on the rare collision), PIN cleared, Telegram unlinked and a new
    /// security stamp, so every open session of the student ends at its next request or action. The new secret.
    /// </summary>
    public async Task<string?> ResetLoginAsync(long studentId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var code = RegistrationCodes.Generate();
            await using var cmd = dataSource.CreateCommand(
                "update students set registration_code = $2, pin_hash = null, telegram_user_id = null, " +
                "security_stamp = md5(random()::text || clock_timestamp()::text), updated_at = now() where id = $1 " +
                "and not exists (select 1 from students o where o.registration_code = $2) returning account_id");
            cmd.Parameters.Add(new NpgsqlParameter { Value = studentId, NpgsqlDbType = NpgsqlDbType.Bigint });
            cmd.Parameters.Add(new NpgsqlParameter { Value = code, NpgsqlDbType = NpgsqlDbType.Text });
            try
            {
                if (await cmd.ExecuteScalarAsync(cancellationToken) is int accountId)
                {
                    sessions?.Forget(accountId);
                    return code;
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // another code drawn at the same moment; draw again
            }
            if (await store.FindByIdAsync(studentId, cancellationToken) is null) return null;
        }
        throw new InvalidOperationException("Could not draw an unused registration code.");
    }

    /// <summary>A fixed ORDER BY per column (never text from the caller), with a unique tie-break so pages do not overlap.</summary>
    internal static string OrderBy(StudentSort sort, bool descending)
    {
        var direction = descending ? "desc" : "asc";
        return sort switch
        {
            StudentSort.ExternalId => $"external_id {direction}",
            StudentSort.Team => $"team {direction} nulls last, name {direction}, external_id {direction}",
            StudentSort.Number => $"student_number {direction}, external_id {direction}",
            _ => $"name {direction}, external_id {direction}",
        };
    }

    private static void AddFilter(NpgsqlParameterCollection parameters, string? text, StudentSearch search)
    {
        parameters.Add(new NpgsqlParameter { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = (object?)StudentNumbers.Parse(text) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        parameters.Add(new NpgsqlParameter { Value = (object?)search.Team ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = (object?)search.AccountIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        parameters.Add(new NpgsqlParameter { Value = search.ExcludeAccountIds, NpgsqlDbType = NpgsqlDbType.Boolean });
    }
}
