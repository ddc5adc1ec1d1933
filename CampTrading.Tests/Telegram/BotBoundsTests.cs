using CampTrading.Web.Telegram;
using CampTrading.Web.Telegram.Api;
using CampTrading.Web.Telegram.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Telegram;

/// <summary>The outbox's bound, the message-length cut, and the webhook's memory of update ids.</summary>
public sealed class BotBoundsTests
{
    [Fact]
    public async Task A_full_outbox_drops_new_messages_counts_them_and_says_so()
    {
        using var bot = new TelegramBot(Options.Create(new TelegramOptions { OutboxCapacity = 3 }), TimeProvider.System, NullLogger<CampBotClient>.Instance);
        using var outbox = new TelegramOutbox(bot, TimeProvider.System, NullLogger<TelegramOutbox>.Instance); // not started: nothing leaves

        var sent = Enumerable.Range(1, 5).Select(i => outbox.SendMessage(i, "news")).ToArray();
        Assert.Equal(3, outbox.Pending);
        Assert.Equal(2, outbox.Dropped);
        Assert.False(await sent[3]);
        Assert.False(await sent[4]);
        Assert.All(sent.Take(3), t => Assert.False(t.IsCompleted));

        // Answers to a student's own action have a reserve above the capacity, itself bounded.
        var replies = Enumerable.Range(1, 40).Select(i => outbox.SendMessage(i, "✅ done", priority: OutboxPriority.Reply)).ToArray();
        Assert.Equal(3 + 16, outbox.Pending);
        Assert.Equal(2 + 40 - 16, outbox.Dropped);
        Assert.False(replies[0].IsCompleted);
        Assert.False(await replies[^1]);
    }

    [Fact]
    public void A_malformed_token_leaves_the_bot_off_instead_of_stopping_the_app()
    {
        using var off = new TelegramBot(Options.Create(new TelegramOptions { BotToken = "not-a-bot-token" }), TimeProvider.System, NullLogger<CampBotClient>.Instance);
        Assert.Null(off.Client);
        using var on = new TelegramBot(Options.Create(new TelegramOptions { BotToken = "123456:ABC-def" }), TimeProvider.System, NullLogger<CampBotClient>.Instance);
        Assert.NotNull(on.Client);
        Assert.Equal(123456, on.Client.BotId);
    }

    [Fact]
    public void Long_texts_are_cut_to_4096_without_splitting_a_surrogate_pair()
    {
        Assert.Equal("short", MessageText.Fit("short"));
        Assert.Equal(new string('a', 4096), MessageText.Fit(new string('a', 4096)));

        var cut = MessageText.Fit(new string('a', 4094) + "😀😀😀");
        Assert.True(cut.Length <= MessageText.MaxLength);
        Assert.False(char.IsHighSurrogate(cut[^2]));
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.Equal(cut, cut.Normalize()); // would throw on a lone surrogate
    }

    [Fact]
    public void Update_ids_are_remembered_by_id_boundedly_and_an_abandoned_one_can_run_again()
    {
        var recent = new RecentUpdateIds(capacity: 3);
        Assert.True(recent.TryBegin(10));
        Assert.True(recent.TryBegin(9)); // lower, later: new
        Assert.False(recent.TryBegin(10));
        recent.Abandon(9);
        Assert.True(recent.TryBegin(9));
        for (var id = 11; id < 20; id++) Assert.True(recent.TryBegin(id));
        Assert.Equal(3, recent.Count);
        Assert.True(recent.TryBegin(10)); // long forgotten
    }
}
