using System.Text;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Announcements;
using CampTrading.Web.Roster;
using CampTrading.Web.Telegram.Hosting;
using CampTrading.Web.Trading;
using Npgsql;

namespace CampTrading.Web.Telegram.Notifications;

/// <summary>
/// Tells linked students what happened to their account: fills, transfers received and grants — read from the
/// ledger query tables after the engine's batches (woken by the read model's <see cref="MarketReadModel.Updates"/>, which never
/// waits for a subscriber), with the last notified ledger row stored so a restart neither repeats nor skips — and broadcasts
/// announcements marked for Telegram to students who did not mute them and to the configured group chats.
/// </summary>
public sealed class TelegramNotifier(
    TelegramBot bot,
    TelegramOutbox outbound,
    TelegramStateStore state,
    StudentStore students,
    MarketReadModel market,
    AnnouncementFeed announcements,
    ChatLanguages languages,
    NpgsqlDataSource dataSource,
    ILogger<TelegramNotifier> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);
    // Duels are told by DuelNotifier, from the duel board (invitations to refunds), not from the ledger.
    private static readonly string[] NotifiedKinds = ["trade", "transfer", "grant"];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bot.Client is null) return Task.CompletedTask;
        // Subscribed before the first await, so nothing published after start-up is missed.
        var updates = market.Updates.Subscribe(capacity: 16);
        var feed = announcements.Changes.Subscribe(capacity: 256);
        return Task.WhenAll(
            Guard(() => LedgerLoopAsync(updates, stoppingToken), updates),
            Guard(() => AnnouncementLoopAsync(feed, stoppingToken), feed));
    }

    private static async Task Guard(Func<Task> loop, IDisposable subscription)
    {
        using (subscription)
        {
            try { await loop(); }
            catch (OperationCanceledException) { }
        }
    }

    private async Task LedgerLoopAsync(Broadcast<MarketUpdate>.Subscription updates, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                while (await NotifyLedgerAsync(ct)) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Telegram notifications failed: {Error}", e.Message);
            }
            // The query tables lag the engine a little: look again shortly after each batch, and now and then regardless.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(IdlePoll);
            try
            {
                await updates.Reader.ReadAsync(wait.Token);
                while (updates.Reader.TryRead(out _)) { }
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        }
    }

    /// <summary>Notifies one page of new ledger rows; true when there may be more.</summary>
    public async Task<bool> NotifyLedgerAsync(CancellationToken ct)
    {
        if (await state.GetAsync(TelegramStateStore.NotifiedLedgerId, ct) is not { } cursor)
        {
            // First start: history before the bot existed is not news.
            await using var max = dataSource.CreateCommand("select coalesce(max(id), 0) from ledger_entries");
            await state.SetAsync(TelegramStateStore.NotifiedLedgerId, (long)(await max.ExecuteScalarAsync(ct))!, ct);
            return false;
        }
        const int pageSize = 1000;
        var rows = await LedgerAfterAsync(cursor, pageSize, ct);
        if (rows.Count == 0) return false;

        var accounts = rows.Select(r => r.AccountId).Distinct().ToArray();
        var linked = await LinkedAsync(accounts, ct);
        if (linked.Count > 0)
        {
            var mutes = new Dictionary<string, IReadOnlySet<long>>(StringComparer.Ordinal);
            foreach (var kind in NotificationKinds.All) mutes[kind] = await state.MutedByAsync(kind, ct);
            foreach (var group in rows.Where(r => linked.ContainsKey(r.AccountId)).GroupBy(r => (r.AccountId, r.Kind, r.Reference)))
            {
                var chat = linked[group.Key.AccountId];
                if (Describe(group.ToArray(), new ChatLanguage(await languages.EnglishAsync(chat, ct))) is not { } note) continue;
                if (!mutes[note.Kind].Contains(chat)) _ = outbound.SendMessage(chat, note.Text);
            }
        }
        await state.SetAsync(TelegramStateStore.NotifiedLedgerId, rows[^1].Id, ct);
        return rows.Count == pageSize;
    }

    private sealed record Row(long Id, int AccountId, int Asset, long Amount, string Kind, long Reference, int Counterparty);

    private sealed record Note(string Kind, string Text);

    private Note? Describe(Row[] rows, ChatLanguage language)
    {
        var first = rows[0];
        string Name(int account) => market.Account(account)?.Name ?? "#" + account.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Asset(int asset) => asset == 0 ? language.Word("點", "points") : market.Instrument(asset)?.Symbol ?? "";
        switch (first.Kind)
        {
            case "trade":
                var shares = rows.FirstOrDefault(r => r.Asset != 0);
                var points = rows.FirstOrDefault(r => r.Asset == 0);
                if (shares is null || shares.Amount == 0) return null;
                var quantity = Math.Abs(shares.Amount);
                var paid = points is null ? 0 : Math.Abs(points.Amount);
                var price = paid / quantity;
                var instrument = market.Instrument(shares.Asset);
                var symbol = instrument?.Symbol ?? "";
                if (instrument?.Feed is not null) // whole units (0.005 BTC, not 5) and what it came to: a per-unit average of rounded values misleads
                {
                    var units = Feeds.FeedQuantity.Format(quantity, instrument.UnitsPerWhole);
                    return new Note(NotificationKinds.Fills, shares.Amount > 0
                        ? language.T($"🔔 成交：買進 {symbol} {units}，共 {CampFormat.N(paid)} 點", $"🔔 Filled: bought {units} {symbol} for {CampFormat.N(paid)} points")
                        : language.T($"🔔 成交：賣出 {symbol} {units}，共 {CampFormat.N(paid)} 點", $"🔔 Filled: sold {units} {symbol} for {CampFormat.N(paid)} points"));
                }
                return new Note(NotificationKinds.Fills, shares.Amount > 0
                    ? language.T($"🔔 成交：買進 {symbol} {CampFormat.N(quantity)} 股 @ {CampFormat.N(price)}", $"🔔 Filled: bought {CampFormat.N(quantity)} {symbol} at {CampFormat.N(price)}")
                    : language.T($"🔔 成交：賣出 {symbol} {CampFormat.N(quantity)} 股 @ {CampFormat.N(price)}", $"🔔 Filled: sold {CampFormat.N(quantity)} {symbol} at {CampFormat.N(price)}"));
            case "transfer" when first.Amount > 0:
                return new Note(NotificationKinds.Transfers, language.T($"💰 {Name(first.Counterparty)} 轉給你 {CampFormat.N(first.Amount)} {Asset(first.Asset)}",
                    $"💰 {Name(first.Counterparty)} sent you {CampFormat.N(first.Amount)} {Asset(first.Asset)}"));
            case "grant" when first.Amount != 0:
                return new Note(NotificationKinds.Grants, language.T($"🎁 發放 {CampFormat.WithSign(first.Amount)} {Asset(first.Asset)}",
                    $"🎁 Grant: {CampFormat.WithSign(first.Amount)} {Asset(first.Asset)}"));
            default:
                return null;
        }
    }

    private async Task<List<Row>> LedgerAfterAsync(long cursor, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "select id, account_id, asset, amount, kind, reference, counterparty from ledger_entries " +
            "where id > $1 order by id limit $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = cursor });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        var rows = new List<Row>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var kind = reader.GetString(4);
            // Every row moves the cursor; only the kinds students hear about are kept.
            var row = new Row(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3), kind, reader.GetInt64(5), reader.GetInt32(6));
            rows.Add(NotifiedKinds.Contains(kind) ? row : row with { AccountId = 0 });
        }
        return rows;
    }

    private async Task<Dictionary<int, long>> LinkedAsync(int[] accounts, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "select account_id, telegram_user_id from students where account_id = any($1) and telegram_user_id is not null");
        cmd.Parameters.Add(new NpgsqlParameter { Value = accounts });
        var linked = new Dictionary<int, long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) linked[reader.GetInt32(0)] = reader.GetInt64(1);
        return linked;
    }

    private async Task AnnouncementLoopAsync(Broadcast<AnnouncementChange>.Subscription feed, CancellationToken ct)
    {
        await foreach (var change in feed.Reader.ReadAllAsync(ct))
        {
            if (change.Kind != AnnouncementChangeKind.Published || !change.Announcement.BroadcastToTelegram) continue;
            try { await BroadcastAsync(change.Announcement, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Telegram announcement {Id} broadcast failed: {Error}", change.Announcement.Id, e.Message);
            }
        }
    }

    /// <summary>Queues the announcement for every linked student who did not mute announcements and every configured group.</summary>
    public async Task<int> BroadcastAsync(Announcement announcement, CancellationToken ct)
    {
        var muted = await state.MutedByAsync(NotificationKinds.Announcements, ct);
        var chats = (await students.ListAsync(cancellationToken: ct))
            .Where(s => s.TelegramUserId is { } id && !muted.Contains(id))
            .Select(s => s.TelegramUserId!.Value)
            .Concat(bot.Options.GroupChats)
            .Distinct()
            .ToArray();
        var text = AnnouncementText(announcement);
        foreach (var chat in chats) _ = outbound.SendMessage(chat, text);
        logger.LogInformation("Announcement {Id} queued for {Count} Telegram chats", announcement.Id, chats.Length);
        return chats.Length;
    }

    private static string AnnouncementText(Announcement announcement)
    {
        var icon = announcement.Priority switch { AnnouncementPriority.Urgent => "🚨", AnnouncementPriority.Important => "❗", _ => "📢" };
        var text = new StringBuilder($"{icon} {announcement.Title}\n\n{announcement.BodyMarkdown}");
        const int telegramLimit = 4096;
        return text.Length > telegramLimit ? text.ToString(0, telegramLimit - 1) + "…" : text.ToString();
    }
}
