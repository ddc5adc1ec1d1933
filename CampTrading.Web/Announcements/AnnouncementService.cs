using System.Data.Common;
using CampTrading.Web.Identity.Staff;
using Npgsql;

namespace CampTrading.Web.Announcements;

/// <summary>
/// Stores announcements, audits every staff action and raises each change on the <see cref="AnnouncementFeed"/> once.
/// Publishing (now or at the scheduled time) sets <c>published_at</c> in the same statement that selects what is due, so
/// the Published change is raised exactly once even across restarts or two publishers racing.
/// Students read the visible ones from a small cache that every change through this service invalidates.
/// </summary>
public sealed class AnnouncementService(NpgsqlDataSource dataSource, AnnouncementFeed feed, AuditLog audit, TimeProvider time) : IDisposable
{
    private const string Columns = "id, title, body_markdown, priority, publish_at, broadcast_to_telegram, author, withdrawn_at, published_at";
    private const int VisibleLimit = 200;

    private readonly SemaphoreSlim _scheduleChanged = new(0, 1);
    private readonly Lock _cacheGate = new();
    private IReadOnlyList<Announcement>? _visible;
    private long _version;

    public async Task<AnnouncementResult> CreateAsync(string actor, AnnouncementDraft draft, CancellationToken cancellationToken = default)
    {
        if (draft.Problem() is { } problem) return AnnouncementResult.Refused(problem);
        var now = time.GetUtcNow();
        var publishAt = draft.PublishAt is { } at && at > now ? at : now;
        await using var cmd = dataSource.CreateCommand(
            $"insert into announcements (title, body_markdown, priority, publish_at, broadcast_to_telegram, author, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $7) returning {Columns}");
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.Title.Trim() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.BodyMarkdown });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (short)draft.Priority });
        cmd.Parameters.Add(new NpgsqlParameter { Value = publishAt });
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.BroadcastToTelegram });
        cmd.Parameters.Add(new NpgsqlParameter { Value = actor });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        var created = (await ReadAsync(cmd, cancellationToken))[0];
        await audit.WriteAsync(actor, "announcement.create", Target(created.Id), Details(created), cancellationToken);
        await PublishDueAsync(cancellationToken);
        ScheduleChanged();
        return AnnouncementResult.Ok(await GetAsync(created.Id, cancellationToken) ?? created);
    }

    /// <summary>New text, priority and Telegram flag; the publish time can still move while the announcement is scheduled.</summary>
    public async Task<AnnouncementResult> EditAsync(string actor, long id, AnnouncementDraft draft, CancellationToken cancellationToken = default)
    {
        if (draft.Problem() is { } problem) return AnnouncementResult.Refused(problem);
        var now = time.GetUtcNow();
        var publishAt = draft.PublishAt is { } at && at > now ? at : now;
        await using var cmd = dataSource.CreateCommand(
            $"""
             update announcements set title = $2, body_markdown = $3, priority = $4, broadcast_to_telegram = $5,
                 publish_at = case when published_at is null then $6 else publish_at end, updated_at = $7
             where id = $1 and withdrawn_at is null returning {Columns}
             """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.Title.Trim() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.BodyMarkdown });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (short)draft.Priority });
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.BroadcastToTelegram });
        cmd.Parameters.Add(new NpgsqlParameter { Value = publishAt });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        var edited = (await ReadAsync(cmd, cancellationToken)).SingleOrDefault();
        if (edited is null) return await RefusalForAsync(id, cancellationToken);
        await audit.WriteAsync(actor, "announcement.edit", Target(id), Details(edited), cancellationToken);
        if (edited.State == AnnouncementState.Published) Raise(AnnouncementChangeKind.Edited, edited);
        await PublishDueAsync(cancellationToken);
        ScheduleChanged();
        return AnnouncementResult.Ok(await GetAsync(id, cancellationToken) ?? edited);
    }

    /// <summary>Hides the announcement from students for good (a scheduled one is never published).</summary>
    public async Task<AnnouncementResult> WithdrawAsync(string actor, long id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"update announcements set withdrawn_at = $2, updated_at = $2 where id = $1 and withdrawn_at is null returning {Columns}");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        var withdrawn = (await ReadAsync(cmd, cancellationToken)).SingleOrDefault();
        if (withdrawn is null) return await RefusalForAsync(id, cancellationToken);
        await audit.WriteAsync(actor, "announcement.withdraw", Target(id), new { title = withdrawn.Title, wasPublished = withdrawn.PublishedAt is not null }, cancellationToken);
        if (withdrawn.PublishedAt is not null) Raise(AnnouncementChangeKind.Withdrawn, withdrawn);
        ScheduleChanged();
        return AnnouncementResult.Ok(withdrawn);
    }

    /// <summary>Publishes every announcement whose time has come and that nobody published yet; returns them in publish order.</summary>
    public async Task<IReadOnlyList<Announcement>> PublishDueAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"update announcements set published_at = $1 where published_at is null and withdrawn_at is null and publish_at <= $1 returning {Columns}");
        cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        var published = (await ReadAsync(cmd, cancellationToken)).OrderBy(a => a.PublishAt).ThenBy(a => a.Id).ToList();
        foreach (var announcement in published) Raise(AnnouncementChangeKind.Published, announcement);
        return published;
    }

    /// <summary>The earliest publish time still waiting, if any.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("select min(publish_at) from announcements where published_at is null and withdrawn_at is null");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    /// <summary>What students see, newest first: published and not withdrawn (the newest 200).</summary>
    public async Task<IReadOnlyList<Announcement>> ListVisibleAsync(CancellationToken cancellationToken = default)
    {
        long version;
        lock (_cacheGate)
        {
            if (_visible is { } cached) return cached;
            version = _version;
        }
        await using var cmd = dataSource.CreateCommand(
            $"select {Columns} from announcements where published_at is not null and withdrawn_at is null order by publish_at desc, id desc limit {VisibleLimit}");
        var loaded = await ReadAsync(cmd, cancellationToken);
        lock (_cacheGate)
        {
            // A change while loading makes this list stale: hand it out, but let the next reader load again.
            if (_version == version) _visible = loaded;
        }
        return loaded;
    }

    /// <summary>Every announcement for the staff console, newest first.</summary>
    public async Task<IReadOnlyList<Announcement>> ListAllAsync(int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from announcements order by id desc limit $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAsync(cmd, cancellationToken);
    }

    public async Task<Announcement?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from announcements where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        return (await ReadAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The announcement when students may see it, else null (unknown, scheduled or withdrawn).</summary>
    public async Task<Announcement?> GetVisibleAsync(long id, CancellationToken cancellationToken = default) =>
        await GetAsync(id, cancellationToken) is { State: AnnouncementState.Published } announcement ? announcement : null;

    /// <summary>Waits until a staff action changed what is scheduled, or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitForScheduleChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _scheduleChanged.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _scheduleChanged.Dispose();

    private void ScheduleChanged()
    {
        try { _scheduleChanged.Release(); }
        catch (SemaphoreFullException) { } // a wake-up is pending already
    }

    private void Raise(AnnouncementChangeKind kind, Announcement announcement)
    {
        lock (_cacheGate)
        {
            _visible = null;
            _version++;
        }
        feed.Changes.Publish(new AnnouncementChange(kind, announcement));
    }

    private async Task<AnnouncementResult> RefusalForAsync(long id, CancellationToken cancellationToken) =>
        AnnouncementResult.Refused(await GetAsync(id, cancellationToken) is null ? AnnouncementErrors.NotFound : AnnouncementErrors.AlreadyWithdrawn);

    private static string Target(long id) => $"announcement:{id}";

    private static object Details(Announcement a) => new
    {
        title = a.Title,
        priority = a.Priority.ToString(),
        publishAt = a.PublishAt,
        broadcastToTelegram = a.BroadcastToTelegram,
        state = a.State.ToString(),
    };

    private static async Task<List<Announcement>> ReadAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        var list = new List<Announcement>();
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Announcement(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (AnnouncementPriority)reader.GetInt16(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return list;
    }
}
