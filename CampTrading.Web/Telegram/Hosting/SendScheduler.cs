namespace CampTrading.Web.Telegram.Hosting;

/// <summary>The least time between two sends: any two, two to one private chat, two to one group.</summary>
public sealed record SendLimits(TimeSpan GlobalGap, TimeSpan PrivateChatGap, TimeSpan GroupChatGap)
{
    /// <summary>Telegram's published limits: about 30 messages a second overall, one a second per chat, 20 a minute per group.</summary>
    public static SendLimits Telegram { get; } = Of(30, 1_000, 3_000);

    /// <summary>The limits the options set (<see cref="TelegramOptions.MessagesPerSecond"/> and the chat gaps); out-of-range values are clamped.</summary>
    public static SendLimits From(TelegramOptions options) =>
        Of(options.MessagesPerSecond, options.PrivateChatGapMilliseconds, options.GroupChatGapMilliseconds);

    private static SendLimits Of(int messagesPerSecond, int privateGapMilliseconds, int groupGapMilliseconds) =>
        new(TimeSpan.FromTicks(TimeSpan.TicksPerSecond / Math.Clamp(messagesPerSecond, 1, 10_000) + 1),
            TimeSpan.FromMilliseconds(Math.Clamp(privateGapMilliseconds, 0, 60_000)),
            TimeSpan.FromMilliseconds(Math.Clamp(groupGapMilliseconds, 0, 600_000)));

    /// <summary>Group, supergroup and channel ids are negative; users' private chats positive.</summary>
    public TimeSpan GapFor(long chatId) => chatId < 0 ? GroupChatGap : PrivateChatGap;
}

/// <summary>
/// Decides which queued message may go out when (pure logic; the caller supplies the clock). Messages to one chat keep their
/// order; chats take turns in the order they became ready; nothing is ever dropped, only delayed.
/// </summary>
public sealed class SendScheduler<T>(SendLimits limits)
{
    private readonly Dictionary<long, Queue<T>> _pending = [];
    private readonly Dictionary<long, DateTimeOffset> _chatFreeAt = [];
    private readonly PriorityQueue<long, (DateTimeOffset ReadyAt, long Order)> _ready = new();
    private DateTimeOffset _globalFreeAt = DateTimeOffset.MinValue;
    private long _order;

    public int Count { get; private set; }

    public void Enqueue(long chatId, T item, DateTimeOffset now)
    {
        if (!_pending.TryGetValue(chatId, out var queue))
        {
            _pending[chatId] = queue = new Queue<T>();
            var freeAt = _chatFreeAt.GetValueOrDefault(chatId, DateTimeOffset.MinValue);
            _ready.Enqueue(chatId, (freeAt > now ? freeAt : now, _order++));
        }
        queue.Enqueue(item);
        Count++;
    }

    /// <summary>
    /// The next message allowed at <paramref name="now"/>, or false with <paramref name="nextAt"/> = when to ask again
    /// (<see cref="DateTimeOffset.MaxValue"/> when nothing is queued).
    /// </summary>
    public bool TryDequeue(DateTimeOffset now, out long chatId, out T item, out DateTimeOffset nextAt)
    {
        chatId = 0;
        item = default!;
        if (!_ready.TryPeek(out var chat, out var key))
        {
            nextAt = DateTimeOffset.MaxValue;
            return false;
        }
        var due = key.ReadyAt > _globalFreeAt ? key.ReadyAt : _globalFreeAt;
        if (due > now)
        {
            nextAt = due;
            return false;
        }

        _ready.Dequeue();
        var queue = _pending[chat];
        item = queue.Dequeue();
        chatId = chat;
        Count--;
        var chatFreeAt = now + limits.GapFor(chat);
        _chatFreeAt[chat] = chatFreeAt;
        _globalFreeAt = now + limits.GlobalGap;
        if (queue.Count > 0) _ready.Enqueue(chat, (chatFreeAt, _order++));
        else _pending.Remove(chat);
        nextAt = _ready.TryPeek(out _, out var next) ? (next.ReadyAt > _globalFreeAt ? next.ReadyAt : _globalFreeAt) : DateTimeOffset.MaxValue;
        // Forget chats whose gap has passed so a long camp does not keep every chat id ever seen.
        if (_chatFreeAt.Count > 10_000) Prune(now);
        return true;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, freeAt) in _chatFreeAt.ToArray())
            if (freeAt <= now && !_pending.ContainsKey(id)) _chatFreeAt.Remove(id);
    }
}
