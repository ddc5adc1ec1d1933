using CampTrading.Tests.Infrastructure;
using CampTrading.Tests.Roster;
using CampTrading.Web.Announcements;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Infrastructure.Postgres;
using System.Globalization;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampTrading.Tests.Announcements;

/// <summary>The announcement service over a fresh, migrated database, with a clock the test moves by hand.</summary>
public sealed class AnnouncementServiceTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 7, 20, 1, 0, 0, TimeSpan.Zero);
    private readonly ManualTime _time = new(Start);
    private readonly AnnouncementFeed _feed = new();
    private readonly List<AnnouncementService> _services = [];
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("announcements"));
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services) service.Dispose();
        await _dataSource.DisposeAsync();
    }

    /// <summary>A new service instance: what the app has after a restart (nothing in memory, same database).</summary>
    private AnnouncementService NewService()
    {
        var service = new AnnouncementService(_dataSource, _feed, new AuditLog(_dataSource), _time);
        _services.Add(service);
        return service;
    }

    private static List<AnnouncementChange> Drain(CampTrading.Core.ReadModels.Broadcast<AnnouncementChange>.Subscription subscription)
    {
        var changes = new List<AnnouncementChange>();
        while (subscription.Reader.TryRead(out var change)) changes.Add(change);
        return changes;
    }

    [Fact]
    public async Task Publishing_now_raises_one_published_change_shows_it_to_students_and_audits_the_author()
    {
        var service = NewService();
        using var changes = _feed.Changes.Subscribe();

        var result = await service.CreateAsync("mei", new AnnouncementDraft("  晚餐時間 Dinner  ", "**18:00** 在餐廳", AnnouncementPriority.Important, BroadcastToTelegram: true));

        Assert.True(result.IsOk);
        var created = result.Announcement!;
        Assert.Equal("晚餐時間 Dinner", created.Title);
        Assert.Equal(AnnouncementState.Published, created.State);
        Assert.Equal(Start, created.PublishAt);
        Assert.Equal(Start, created.PublishedAt);
        Assert.Equal("mei", created.Author);
        Assert.True(created.BroadcastToTelegram);
        var change = Assert.Single(Drain(changes));
        Assert.Equal(AnnouncementChangeKind.Published, change.Kind);
        Assert.Equal(created.Id, change.Announcement.Id);
        Assert.Equal(AnnouncementPriority.Important, change.Announcement.Priority);

        Assert.Equal([created.Id], (await service.ListVisibleAsync()).Select(a => a.Id));
        Assert.Equal(created, await service.GetVisibleAsync(created.Id));
        var audit = Assert.Single(await new AuditLog(_dataSource).LatestAsync(10));
        Assert.Equal(("mei", "announcement.create", $"announcement:{created.Id}"), (audit.Actor, audit.Action, audit.Target));
        Assert.Contains("Dinner", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "body", AnnouncementErrors.TitleRequired)]
    [InlineData("   ", "body", AnnouncementErrors.TitleRequired)]
    [InlineData("title", " \n ", AnnouncementErrors.BodyRequired)]
    [InlineData(null, "body", AnnouncementErrors.TitleTooLong)]
    [InlineData("title", null, AnnouncementErrors.BodyTooLong)]
    public async Task Bad_drafts_are_refused_with_a_stable_code_and_change_nothing(string? title, string? body, string expected)
    {
        var service = NewService();
        using var changes = _feed.Changes.Subscribe();
        var draft = new AnnouncementDraft(title ?? new string('標', AnnouncementDraft.MaxTitleLength + 1), body ?? new string('x', AnnouncementDraft.MaxBodyLength + 1));

        Assert.Equal(expected, (await service.CreateAsync("mei", draft)).Error);
        Assert.Equal(AnnouncementErrors.InvalidPriority, (await service.CreateAsync("mei", new AnnouncementDraft("t", "b", (AnnouncementPriority)7))).Error);

        Assert.Empty(await service.ListAllAsync());
        Assert.Empty(Drain(changes));
        Assert.Empty(await new AuditLog(_dataSource).LatestAsync(10));
    }

    [Fact]
    public async Task A_scheduled_announcement_is_published_exactly_once_when_its_time_comes_also_across_a_restart()
    {
        var before = NewService();
        using var changes = _feed.Changes.Subscribe();
        var at = Start.AddMinutes(10);

        var scheduled = (await before.CreateAsync("jun", new AnnouncementDraft("閉幕 Closing", "Hall A", PublishAt: at))).Announcement!;
        Assert.Equal(AnnouncementState.Scheduled, scheduled.State);
        Assert.Equal(at, scheduled.PublishAt);
        Assert.Equal(at, await before.NextDueAsync());
        Assert.Empty(await before.PublishDueAsync());
        Assert.Empty(await before.ListVisibleAsync());
        Assert.Null(await before.GetVisibleAsync(scheduled.Id));
        Assert.Empty(Drain(changes));

        // The app restarts while waiting; the time arrives; two instances race to publish.
        _time.Advance(TimeSpan.FromMinutes(10));
        var after = NewService();
        var raced = await Task.WhenAll(after.PublishDueAsync(), before.PublishDueAsync());
        Assert.Equal([scheduled.Id], raced.SelectMany(p => p).Select(a => a.Id));
        var change = Assert.Single(Drain(changes));
        Assert.Equal((AnnouncementChangeKind.Published, scheduled.Id), (change.Kind, change.Announcement.Id));

        // Another restart later: nothing is published again.
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await NewService().PublishDueAsync());
        Assert.Empty(await after.PublishDueAsync());
        Assert.Empty(Drain(changes));
        Assert.Null(await after.NextDueAsync());
        Assert.Equal([scheduled.Id], (await after.ListVisibleAsync()).Select(a => a.Id));
        Assert.Equal(at, (await after.GetAsync(scheduled.Id))!.PublishedAt);
    }

    [Fact]
    public async Task The_publisher_publishes_a_scheduled_announcement_when_its_time_arrives()
    {
        var service = new AnnouncementService(_dataSource, _feed, new AuditLog(_dataSource), TimeProvider.System);
        _services.Add(service);
        using var changes = _feed.Changes.Subscribe();
        using var publisher = new AnnouncementPublisher(service, TimeProvider.System, NullLogger<AnnouncementPublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);
        try
        {
            var scheduled = (await service.CreateAsync("jun", new AnnouncementDraft("Soon", "soon", PublishAt: DateTimeOffset.UtcNow.AddMilliseconds(700)))).Announcement!;
            Assert.Equal(AnnouncementState.Scheduled, scheduled.State);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var change = await changes.Reader.ReadAsync(timeout.Token);
            Assert.Equal((AnnouncementChangeKind.Published, scheduled.Id), (change.Kind, change.Announcement.Id));
            Assert.Equal(AnnouncementState.Published, (await service.GetAsync(scheduled.Id))!.State);
        }
        finally
        {
            await publisher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Editing_a_published_announcement_raises_edited_and_a_scheduled_one_can_move_quietly()
    {
        var service = NewService();
        var published = (await service.CreateAsync("mei", new AnnouncementDraft("Lunch", "12:00"))).Announcement!;
        var scheduled = (await service.CreateAsync("mei", new AnnouncementDraft("Quiz", "later", PublishAt: Start.AddHours(2)))).Announcement!;
        using var changes = _feed.Changes.Subscribe();

        var edited = await service.EditAsync("jun", published.Id, new AnnouncementDraft("Lunch moved", "12:30", AnnouncementPriority.Urgent, PublishAt: Start.AddDays(1)));
        Assert.True(edited.IsOk);
        Assert.Equal(("Lunch moved", "12:30", AnnouncementPriority.Urgent), (edited.Announcement!.Title, edited.Announcement.BodyMarkdown, edited.Announcement.Priority));
        Assert.Equal(Start, edited.Announcement.PublishAt); // already published: its time stays
        var change = Assert.Single(Drain(changes));
        Assert.Equal((AnnouncementChangeKind.Edited, "Lunch moved"), (change.Kind, change.Announcement.Title));
        Assert.Equal("Lunch moved", (await service.ListVisibleAsync()).Single().Title);

        var moved = await service.EditAsync("jun", scheduled.Id, new AnnouncementDraft("Quiz", "later", PublishAt: Start.AddHours(3)));
        Assert.Equal((AnnouncementState.Scheduled, Start.AddHours(3)), (moved.Announcement!.State, moved.Announcement.PublishAt));
        Assert.Empty(Drain(changes));

        // Editing without a time publishes a scheduled one now.
        var now = await service.EditAsync("jun", scheduled.Id, new AnnouncementDraft("Quiz now", "now"));
        Assert.Equal(AnnouncementState.Published, now.Announcement!.State);
        Assert.Equal(AnnouncementChangeKind.Published, Assert.Single(Drain(changes)).Kind);

        Assert.Equal(AnnouncementErrors.NotFound, (await service.EditAsync("jun", 9_999, new AnnouncementDraft("x", "y"))).Error);
        var audit = await new AuditLog(_dataSource).LatestAsync(10);
        Assert.Equal(2, audit.Count(e => e is { Action: "announcement.edit", Actor: "jun" } && e.Target == $"announcement:{scheduled.Id}"));
        Assert.Single(audit, e => e is { Action: "announcement.edit", Actor: "jun" } && e.Target == $"announcement:{published.Id}");
    }

    [Fact]
    public async Task Withdrawing_hides_it_raises_withdrawn_once_and_a_withdrawn_scheduled_one_is_never_published()
    {
        var service = NewService();
        var published = (await service.CreateAsync("mei", new AnnouncementDraft("Rain", "bring umbrellas"))).Announcement!;
        var scheduled = (await service.CreateAsync("mei", new AnnouncementDraft("Later", "later", PublishAt: Start.AddMinutes(5)))).Announcement!;
        Assert.Single(await service.ListVisibleAsync());
        using var changes = _feed.Changes.Subscribe();

        var withdrawn = await service.WithdrawAsync("jun", published.Id);
        Assert.Equal(AnnouncementState.Withdrawn, withdrawn.Announcement!.State);
        var change = Assert.Single(Drain(changes));
        Assert.Equal((AnnouncementChangeKind.Withdrawn, published.Id), (change.Kind, change.Announcement.Id));
        Assert.Empty(await service.ListVisibleAsync());
        Assert.Null(await service.GetVisibleAsync(published.Id));

        Assert.Equal(AnnouncementErrors.AlreadyWithdrawn, (await service.WithdrawAsync("jun", published.Id)).Error);
        Assert.Equal(AnnouncementErrors.AlreadyWithdrawn, (await service.EditAsync("jun", published.Id, new AnnouncementDraft("x", "y"))).Error);
        Assert.Equal(AnnouncementErrors.NotFound, (await service.WithdrawAsync("jun", 9_999)).Error);

        Assert.True((await service.WithdrawAsync("jun", scheduled.Id)).IsOk);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await NewService().PublishDueAsync());
        Assert.Empty(Drain(changes)); // students never saw the scheduled one, so there is nothing to take back
        Assert.Equal([AnnouncementState.Withdrawn, AnnouncementState.Withdrawn], (await service.ListAllAsync()).Select(a => a.State));

        var audit = await new AuditLog(_dataSource).LatestAsync(10);
        Assert.Equal(2, audit.Count(e => e is { Action: "announcement.withdraw", Actor: "jun" }));
    }

    [Fact]
    public async Task The_latest_announcements_widget_shows_the_newest_visible_ones_up_to_its_count()
    {
        var service = NewService();
        foreach (var title in new[] { "First", "Second", "Third" })
        {
            await service.CreateAsync("mei", new AnnouncementDraft(title, "text"));
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        await service.CreateAsync("mei", new AnnouncementDraft("Not yet", "text", PublishAt: Start.AddDays(1)));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization();
        services.AddSingleton(new ExchangeService(new MarketReadModel()));
        services.AddSingleton(service);
        services.AddSingleton(_feed);
        services.AddScoped<CampTrading.Web.Components.CircuitFrame>();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-TW");
        try
        {
            // The renderer encodes non-ASCII text as character references; decode to compare with the plain words.
            async Task<string> RenderAsync(int count, bool links) => System.Net.WebUtility.HtmlDecode(await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<LatestAnnouncements>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(LatestAnnouncements.Count)] = count,
                    [nameof(LatestAnnouncements.ShowLinks)] = links,
                }))).ToHtmlString()));

            var two = await RenderAsync(2, links: true);
            Assert.Contains("最新公告", two, StringComparison.Ordinal);
            Assert.Contains("Third", two, StringComparison.Ordinal);
            Assert.Contains("Second", two, StringComparison.Ordinal);
            Assert.DoesNotContain("First", two, StringComparison.Ordinal);
            Assert.DoesNotContain("Not yet", two, StringComparison.Ordinal);
            Assert.True(two.IndexOf("Third", StringComparison.Ordinal) < two.IndexOf("Second", StringComparison.Ordinal));
            Assert.Contains("href=\"/announcements\"", two, StringComparison.Ordinal);

            var board = await RenderAsync(5, links: false);
            Assert.Contains("First", board, StringComparison.Ordinal);
            Assert.DoesNotContain("href=", board, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
