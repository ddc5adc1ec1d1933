using CampTrading.Web.Telegram.Api;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace CampTrading.Web.Telegram.Hosting;

/// <summary>
/// What a full outbox keeps: <see cref="Reply"/> answers a student's own action (an order placed, a transfer sent, a duel
/// move) and may use a reserve above the capacity; <see cref="News"/> (notices, announcements) is dropped first.
/// </summary>
public enum OutboxPriority { News, Reply }

/// <summary>One message-producing call (send, edit, delete) waiting for its turn.</summary>
public sealed record OutboundCall(string Method, Func<ITelegramBotClient, CancellationToken, Task> Send)
{
    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Every message the bot sends goes through here and is paced by <see cref="SendScheduler{T}"/> so that a broadcast to
/// thousands of students stays within Telegram's limits instead of being refused. A call that still fails after the client's
/// own retries is logged and skipped: the bot never blocks on Telegram. The queue is bounded (<see cref="TelegramOptions.OutboxCapacity"/>):
/// when full, a new call is dropped, logged and counted (<see cref="Dropped"/>). News goes first: answers to a student's own action
/// have a small reserve above the capacity. Nothing here moves money: a dropped message is news or an answer whose effect is
/// already in the engine and on the web. Texts are cut to Telegram's limit here, in one place.
/// </summary>
public sealed class TelegramOutbox(TelegramBot bot, TimeProvider time, ILogger<TelegramOutbox> logger) : BackgroundService
{
    private const int MaxConcurrentSends = 8;
    private readonly object _gate = new();
    private readonly SendScheduler<OutboundCall> _scheduler = new(SendLimits.From(bot.Options));
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _inFlight = new(MaxConcurrentSends);
    private long _dropped;

    public int Pending
    {
        get { lock (_gate) return _scheduler.Count; }
    }

    /// <summary>Calls dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Queues a call; the task completes true once Telegram accepted it, false when it failed for good or was dropped because
    /// the queue was full.
    /// </summary>
    public Task<bool> Enqueue(long chatId, OutboundCall call, OutboxPriority priority = OutboxPriority.News)
    {
        var capacity = Math.Max(1, bot.Options.OutboxCapacity);
        var limit = priority == OutboxPriority.Reply ? capacity + Math.Max(16, capacity / 10) : capacity;
        bool queued;
        lock (_gate)
        {
            queued = _scheduler.Count < limit;
            if (queued) _scheduler.Enqueue(chatId, call, time.GetUtcNow());
        }
        if (!queued)
        {
            var dropped = Interlocked.Increment(ref _dropped);
            // Once per hundred: a flood must not become a flood of log lines too.
            if (dropped % 100 == 1) logger.LogWarning("Telegram outbox full ({Capacity}): {Method} to chat {ChatId} dropped ({Dropped} so far)", capacity, call.Method, chatId, dropped);
            call.Done.TrySetResult(false);
            return call.Done.Task;
        }
        _wake.Release();
        return call.Done.Task;
    }

    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    public Task<bool> SendMessage(long chatId, string text, InlineKeyboardMarkup? keyboard = null, OutboxPriority priority = OutboxPriority.News)
    {
        text = MessageText.Fit(text);
        return Enqueue(chatId, new OutboundCall("sendMessage", (client, ct) =>
            client.SendMessage(chatId, text, replyMarkup: keyboard, linkPreviewOptions: NoPreview, cancellationToken: ct)), priority);
    }

    public Task<bool> EditMessage(long chatId, int messageId, string text, InlineKeyboardMarkup? keyboard = null, OutboxPriority priority = OutboxPriority.Reply)
    {
        text = MessageText.Fit(text);
        return Enqueue(chatId, new OutboundCall("editMessageText", (client, ct) =>
            client.EditMessageText(chatId, messageId, text, replyMarkup: keyboard, cancellationToken: ct)), priority);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bot.Client is not { } client) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            OutboundCall? call;
            DateTimeOffset nextAt;
            lock (_gate) call = _scheduler.TryDequeue(time.GetUtcNow(), out _, out var item, out nextAt) ? item : null;
            if (call is null)
            {
                var wait = nextAt == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : nextAt - time.GetUtcNow();
                if (wait == Timeout.InfiniteTimeSpan || wait > TimeSpan.Zero)
                {
                    try { await _wake.WaitAsync(wait, stoppingToken); }
                    catch (OperationCanceledException) { return; }
                }
                continue;
            }
            await _inFlight.WaitAsync(stoppingToken);
            _ = RunAsync(client, call, stoppingToken);
        }
    }

    private async Task RunAsync(ITelegramBotClient client, OutboundCall call, CancellationToken stoppingToken)
    {
        try
        {
            await call.Send(client, stoppingToken);
            call.Done.TrySetResult(true);
        }
        catch (Exception e) when (e is RequestException or OperationCanceledException)
        {
            // A stop cuts the call in flight short; Telegram.Bot reports that as a failed read of the answer, not a cancellation.
            if (e is RequestException && !stoppingToken.IsCancellationRequested)
                logger.LogWarning("Telegram {Method} dropped after retries: {Error}", call.Method, e.Message);
            call.Done.TrySetResult(false);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        _inFlight.Dispose();
        base.Dispose();
    }
}
