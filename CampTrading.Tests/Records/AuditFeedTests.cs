using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Durability;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Infrastructure.Postgres;
using CampTrading.Web.Staff.Records;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace CampTrading.Tests.Records;

/// <summary>The audit page's feed: staff actions and ledger entries merged newest first, filtered, keyset-paged, index-backed.</summary>
public sealed class AuditFeedTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Staff_actions_and_ledger_entries_merge_filter_and_page_without_gaps()
    {
        var connection = await postgres.CreateDatabaseAsync("audit_feed");
        int alice, bob;
        await using (var exchange = await DurableExchange.OpenAsync(connection))
        {
            await exchange.StartAsync(withQueryTables: true);
            alice = (int)(await exchange.SubmitAsync(new OpenAccount("alice", AccountKind.Student, "red"))).Id;
            bob = (int)(await exchange.SubmitAsync(new OpenAccount("bob", AccountKind.Student, "blue"))).Id;
            var audit = new AuditLog(exchange.DataSource);
            for (var i = 1; i <= 4; i++)
            {
                Assert.True((await exchange.SubmitAsync(new Grant(alice, Assets.Points, 100 * i, "prize", "staff-ann"))).IsOk);
                await audit.WriteAsync("staff-ann", "student.grant", "T-ALICE", new { accountId = alice, amount = 100 * i });
                Assert.True((await exchange.SubmitAsync(new Grant(bob, Assets.Points, 10 * i, "prize", "staff-ben"))).IsOk);
                await audit.WriteAsync("staff-ben", "student.grant", "T-BOB", new { accountId = bob, amount = 10 * i });
            }
            await audit.WriteAsync("staff-ben", "backup.create", "camptrading-x.dump");
            await exchange.StopAsync(); // flushes the query tables
        }

        await using var dataSource = NpgsqlDataSource.Create(connection);
        var feed = new AuditFeed(dataSource);
        var all = (await feed.PageAsync(new AuditQuery(PageSize: AuditQuery.MaxPageSize))).Rows;
        Assert.Equal(9, all.Count(r => r.IsStaffAction));
        Assert.Equal(16, all.Count(r => !r.IsStaffAction)); // 8 grants, each a debit and a credit
        AssertNewestFirst(all);

        // Pages of 4 join up to the whole stream: no gaps, no repeats.
        Assert.Equal(all, await CollectAsync(feed, new AuditQuery(PageSize: 4)));
        var streamed = new List<AuditRow>();
        await foreach (var row in feed.AllAsync(new AuditQuery(PageSize: 2))) streamed.Add(row);
        Assert.Equal(all, streamed);

        // Staff member: their actions, and the ledger entries of the commands they submitted (journal actor).
        var ann = await CollectAsync(feed, new AuditQuery(Staff: "staff-ann", PageSize: 3));
        Assert.Equal(4, ann.Count(r => r.IsStaffAction));
        Assert.Equal(8, ann.Count(r => !r.IsStaffAction));
        Assert.All(ann, r => Assert.Equal("staff-ann", r.Actor));
        Assert.Equal(1_000, ann.Where(r => r.AccountId == alice && !r.IsStaffAction).Sum(r => r.Amount));

        // Person: their ledger and the staff actions that name them (by account in the details, or by student ID as target).
        var bobs = await CollectAsync(feed, new AuditQuery(AccountId: bob, ExternalId: "T-BOB", PageSize: 2));
        Assert.Equal(8, bobs.Count);
        Assert.All(bobs, r => Assert.Equal(bob, r.AccountId));
        Assert.Equal(100, bobs.Where(r => !r.IsStaffAction).Sum(r => r.Amount));
        Assert.Equal(4, (await CollectAsync(feed, new AuditQuery(AccountId: 999_999, ExternalId: "T-BOB"))).Count);

        // Kind: a staff action name or a ledger kind name; source narrows to one stream.
        Assert.Equal(8, (await CollectAsync(feed, new AuditQuery(Kind: "student.grant"))).Count);
        Assert.Single(await CollectAsync(feed, new AuditQuery(Kind: "backup.create")));
        Assert.Equal(16, (await CollectAsync(feed, new AuditQuery(Kind: "grant"))).Count);
        Assert.Equal(9, (await CollectAsync(feed, new AuditQuery(Source: AuditSource.Staff, PageSize: 5))).Count);
        Assert.All(await CollectAsync(feed, new AuditQuery(Source: AuditSource.Ledger, Staff: "staff-ben")), r =>
        {
            Assert.False(r.IsStaffAction);
            Assert.Equal("grant", r.Kind);
        });

        // Time range [From, To).
        var middle = all[all.Count / 2].At;
        var newer = await CollectAsync(feed, new AuditQuery(From: middle, PageSize: 3));
        var older = await CollectAsync(feed, new AuditQuery(To: middle, PageSize: 3));
        Assert.Equal(all.Count, newer.Count + older.Count);
        Assert.All(newer, r => Assert.True(r.At >= middle));
        Assert.All(older, r => Assert.True(r.At < middle));
        Assert.Empty((await feed.PageAsync(new AuditQuery(From: all[0].At.AddSeconds(1)))).Rows);

        var (actions, actors) = await feed.ChoicesAsync();
        Assert.Equal(["backup.create", "student.grant"], actions);
        Assert.Equal(["staff-ann", "staff-ben"], actors);
    }

    [Fact]
    public async Task Rows_of_the_same_instant_page_staff_actions_first_then_ledger_entries_by_id()
    {
        await using var dataSource = await MigratedAsync("audit_ties");
        await ExecuteAsync(dataSource,
            """
            insert into audit_log (at, actor, action) select '2026-07-01 10:00:00+00', 'staff', 'a' || g from generate_series(1, 3) g;
            insert into ledger_entries (seq, ts, account_id, asset, amount, balance_after, kind, reference, counterparty)
            select g, '2026-07-01 10:00:00+00', 1000, 0, g, g, 'grant', 0, 1 from generate_series(1, 3) g;
            insert into audit_log (at, actor, action) values ('2026-07-01 09:00:00+00', 'staff', 'older');
            """);
        var rows = await CollectAsync(new AuditFeed(dataSource), new AuditQuery(PageSize: 1));
        Assert.Equal(["a3", "a2", "a1", "grant", "grant", "grant", "older"], rows.Select(r => r.Kind));
        Assert.Equal([3L, 2, 1], rows.Where(r => !r.IsStaffAction).Select(r => r.Amount!.Value));
    }

    [Fact]
    public async Task Oldest_first_is_the_exact_reverse_and_count_and_positions_agree_with_the_pages()
    {
        await using var dataSource = await MigratedAsync("audit_grid");
        await ExecuteAsync(dataSource,
            """
            insert into audit_log (at, actor, action, details)
            select timestamptz '2026-07-01 10:00:00+00' + (g % 4) * interval '1 minute', 'staff' || (g % 2), 'a' || g,
                   jsonb_build_object('accountId', 1000 + g % 3)
            from generate_series(1, 11) g;
            insert into ledger_entries (seq, ts, account_id, asset, amount, balance_after, kind, reference, counterparty)
            select g, timestamptz '2026-07-01 10:00:00+00' + (g % 5) * interval '1 minute', 1000 + g % 3, 0, g, g, 'grant', 0, 1
            from generate_series(1, 13) g;
            """);
        var feed = new AuditFeed(dataSource);
        foreach (var filter in new AuditQuery[] { new(), new(Source: AuditSource.Ledger), new(Source: AuditSource.Staff), new(Staff: "staff1"), new(AccountId: 1_001) })
        {
            var newest = await CollectAsync(feed, filter with { PageSize = 4 });
            var oldest = await CollectAsync(feed, filter with { PageSize = 3, OldestFirst = true });
            Assert.NotEmpty(newest);
            Assert.Equal(newest.AsEnumerable().Reverse(), oldest);
            Assert.Equal(newest.Count, await feed.CountAsync(filter));
            for (var i = 0; i < newest.Count; i++)
            {
                Assert.Equal(newest[i].Cursor, await feed.CursorAtAsync(filter, i));
                Assert.Equal(oldest[i].Cursor, await feed.CursorAtAsync(filter with { OldestFirst = true }, i));
            }
            Assert.Null(await feed.CursorAtAsync(filter, newest.Count));
            // A grid's jump to a page: the page after the key at position n-1 is the page paging would have reached.
            var jumped = await feed.PageAsync(filter with { PageSize = 4, After = await feed.CursorAtAsync(filter, 3) });
            Assert.Equal(newest.Skip(4).Take(4), jumped.Rows);
        }
        Assert.Equal(24, await feed.CountAsync(new AuditQuery()));
        Assert.Equal(0, await feed.CountAsync(new AuditQuery(Kind: "nothing")));
    }

    [Fact]
    public async Task Every_filter_reads_through_an_index_over_a_hundred_thousand_rows_per_table()
    {
        await using var dataSource = await MigratedAsync("audit_bulk");
        await ExecuteAsync(dataSource,
            """
            insert into journal (seq, ts, kind, payload)
            select g, timestamptz '2026-07-01 00:00:00+00' + g * interval '5 seconds', 'grant',
                   case when g % 10 = 0 then jsonb_build_object('actor', 'staff' || (g % 7)) else '{}'::jsonb end
            from generate_series(1, 100000) g;
            insert into ledger_entries (seq, ts, account_id, asset, amount, balance_after, kind, reference, counterparty)
            select g, timestamptz '2026-07-01 00:00:00+00' + g * interval '5 seconds', 1000 + g % 2000, 0, g % 500 - 250, g,
                   (array['grant','trade','transfer','qr_redeem','arcade'])[1 + g % 5], g, 3
            from generate_series(1, 100000) g;
            insert into audit_log (at, actor, action, target, details)
            select timestamptz '2026-07-01 00:00:00+00' + g * interval '5 seconds', 'staff' || (g % 7),
                   (array['student.grant','student.freeze','qr.create','market.open'])[1 + g % 4], 'T' || (g % 2000),
                   jsonb_build_object('accountId', 1000 + g % 2000)
            from generate_series(1, 100000) g;
            analyze journal; analyze ledger_entries; analyze audit_log;
            """);
        var feed = new AuditFeed(dataSource);
        var from = new DateTimeOffset(2026, 7, 3, 0, 0, 0, TimeSpan.Zero);
        var queries = new AuditQuery[]
        {
            new(),
            new(AccountId: 1_234, ExternalId: "T234"),
            new(AccountId: 1_234),
            new(Kind: "trade"),
            new(Kind: "market.open"),
            new(Staff: "staff3"),
            new(From: from, To: from.AddHours(2)),
            new(After: new AuditCursor(from, false, 50_000)),
            new(OldestFirst: true, After: new AuditCursor(from, true, 50_000)),
            new(AccountId: 1_234, Kind: "grant", Staff: "staff1", From: from.AddDays(-1), To: from),
        };
        foreach (var query in queries)
        {
            var plans = await feed.ExplainAsync(query);
            foreach (var plan in plans)
            {
                output.WriteLine($"{query}:{Environment.NewLine}{plan}");
                Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
                Assert.Contains("Index", plan, StringComparison.Ordinal);
            }
        }

        var first = await feed.PageAsync(new AuditQuery(AccountId: 1_234));
        Assert.Equal(AuditQuery.DefaultPageSize, first.Rows.Count);
        Assert.NotNull(first.Next);
        var second = await feed.PageAsync(new AuditQuery(AccountId: 1_234, After: first.Next));
        Assert.True(second.Rows[0].At <= first.Rows[^1].At);
        AssertNewestFirst([.. first.Rows, .. second.Rows]);
        Assert.Equal(100, first.Rows.Concat(second.Rows).Distinct().Count());
    }

    private static void AssertNewestFirst(IReadOnlyList<AuditRow> rows)
    {
        foreach (var (a, b) in rows.Zip(rows.Skip(1)))
        {
            var ordered = a.At > b.At || (a.At == b.At && (a.IsStaffAction && !b.IsStaffAction || (a.IsStaffAction == b.IsStaffAction && a.Id > b.Id)));
            Assert.True(ordered, $"{a} then {b}");
        }
    }

    private static async Task<List<AuditRow>> CollectAsync(AuditFeed feed, AuditQuery query)
    {
        var rows = new List<AuditRow>();
        for (var page = await feed.PageAsync(query); ; page = await feed.PageAsync(query with { After = page.Next }))
        {
            Assert.True(page.Rows.Count <= query.PageSize);
            rows.AddRange(page.Rows);
            if (page.Next is null) return rows;
            Assert.Equal(page.Rows[^1].Cursor, page.Next);
        }
    }

    private async Task<NpgsqlDataSource> MigratedAsync(string prefix)
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(prefix));
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return dataSource;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
    }
}
