using CampTrading.Web.Telegram;
using CampTrading.Web.Telegram.Hosting;

namespace CampTrading.Tests.Telegram;

/// <summary>The outbox's pacing rules, on a simulated clock.</summary>
public sealed class SendSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Dequeues everything, always asking again exactly when the scheduler said to; returns (time, chat, item).</summary>
    private static List<(DateTimeOffset At, long Chat, int Item)> Drain(SendScheduler<int> scheduler, DateTimeOffset now)
    {
        var sent = new List<(DateTimeOffset, long, int)>();
        while (true)
        {
            if (scheduler.TryDequeue(now, out var chat, out var item, out var nextAt)) sent.Add((now, chat, item));
            else if (nextAt == DateTimeOffset.MaxValue) return sent;
            else
            {
                Assert.True(nextAt > now);
                now = nextAt;
            }
        }
    }

    [Fact]
    public void A_broadcast_to_a_thousand_students_is_paced_at_thirty_a_second_and_nothing_is_dropped()
    {
        var scheduler = new SendScheduler<int>(SendLimits.Telegram);
        for (var i = 1; i <= 1_000; i++) scheduler.Enqueue(i, i, Start);

        var sent = Drain(scheduler, Start);

        Assert.Equal(Enumerable.Range(1, 1_000), sent.Select(s => s.Item)); // all, in order
        for (var i = 0; i + 30 < sent.Count; i++)
            Assert.True(sent[i + 30].At - sent[i].At >= TimeSpan.FromSeconds(1), $"more than 30 sends within a second at {i}");
        Assert.InRange((sent[^1].At - Start).TotalSeconds, 33.0, 34.0);
    }

    [Fact]
    public void One_private_chat_gets_one_message_a_second_and_a_group_twenty_a_minute_in_order()
    {
        var scheduler = new SendScheduler<int>(SendLimits.Telegram);
        for (var i = 0; i < 5; i++) scheduler.Enqueue(7, i, Start);
        for (var i = 100; i < 125; i++) scheduler.Enqueue(-1001, i, Start);

        var sent = Drain(scheduler, Start);

        var user = sent.Where(s => s.Chat == 7).ToList();
        Assert.Equal([0, 1, 2, 3, 4], user.Select(s => s.Item));
        Assert.All(user.Zip(user.Skip(1)), p => Assert.True(p.Second.At - p.First.At >= TimeSpan.FromSeconds(1)));

        var group = sent.Where(s => s.Chat == -1001).ToList();
        Assert.Equal(Enumerable.Range(100, 25), group.Select(s => s.Item));
        for (var i = 0; i + 20 < group.Count; i++) Assert.True(group[i + 20].At - group[i].At >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void The_options_default_to_telegrams_limits_and_other_values_set_the_pace()
    {
        Assert.Equal(SendLimits.Telegram, SendLimits.From(new TelegramOptions()));

        var local = SendLimits.From(new TelegramOptions { PrivateChatGapMilliseconds = 50, GroupChatGapMilliseconds = 150, MessagesPerSecond = 0 });
        Assert.Equal(TimeSpan.FromMilliseconds(50), local.PrivateChatGap);
        Assert.Equal(TimeSpan.FromMilliseconds(150), local.GroupChatGap);
        Assert.Equal(TimeSpan.FromTicks(TimeSpan.TicksPerSecond + 1), local.GlobalGap); // 0 a second would stop the outbox: one at least

        var scheduler = new SendScheduler<int>(local);
        for (var i = 0; i < 3; i++) scheduler.Enqueue(7, i, Start);
        var sent = Drain(scheduler, Start);
        Assert.All(sent.Zip(sent.Skip(1)), p => Assert.InRange((p.Second.At - p.First.At).TotalMilliseconds, 50, 1_001));
    }

    [Fact]
    public void A_busy_chat_does_not_hold_up_others_and_a_chat_just_served_waits_its_gap()
    {
        var scheduler = new SendScheduler<int>(SendLimits.Telegram);
        for (var i = 0; i < 10; i++) scheduler.Enqueue(1, i, Start);
        scheduler.Enqueue(2, 99, Start);

        Assert.True(scheduler.TryDequeue(Start, out var first, out _, out var next));
        Assert.Equal(1, first);
        Assert.False(scheduler.TryDequeue(Start, out _, out _, out next));
        Assert.True(scheduler.TryDequeue(next, out var second, out var item, out _));
        Assert.Equal((2, 99), (second, item));

        // Chat 2 was just served: a new message to it waits a second even though the queue is otherwise free of it.
        scheduler.Enqueue(2, 100, next);
        var rest = Drain(scheduler, next);
        var again = rest.Single(s => s.Item == 100);
        Assert.True(again.At - next >= TimeSpan.FromSeconds(1));
        Assert.Equal(0, scheduler.Count);
    }
}
