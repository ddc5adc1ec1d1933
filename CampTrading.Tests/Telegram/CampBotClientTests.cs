using CampTrading.Web.Telegram.Api;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CampTrading.Tests.Telegram;

/// <summary>The Telegram.Bot client with the camp's retry rule, against <see cref="FakeBotApi"/> over real HTTP.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync.")]
public sealed class CampBotClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly InstantDelays _delays = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _http.Dispose();
    }

    private CampBotClient Client(string? baseUrl = null, string token = FakeBotApi.Token, int maxRetries = 5) =>
        new(token, baseUrl ?? _api.BaseUrl, _http, _delays, maxRetries, NullLogger<CampBotClient>.Instance);

    [Fact]
    public async Task Library_calls_round_trip_with_snake_case_and_inline_keyboards()
    {
        var client = Client();
        var me = await client.GetMe();
        Assert.Equal("CampTestBot", me.Username);
        Assert.True(me.IsBot);

        var keyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Yes", "ok:1"));
        var sent = await client.SendMessage(42, "你好", replyMarkup: keyboard);
        Assert.Equal("你好", sent.Text);
        var output = Assert.Single(_api.Outputs(42));
        Assert.Equal(("Yes", "ok:1"), Assert.Single(output.Buttons));
        var body = _api.Calls.Last(c => c.Method == "sendMessage").Body;
        Assert.Equal(42, body["chat_id"]!.GetValue<long>());
        Assert.Null(body["link_preview_options"]); // unset options are left out

        await client.EditMessageText(42, sent.Id, "edited");
        await client.AnswerCallbackQuery("cb1");
        await client.SetMyCommands([new BotCommand("help", "Help")]);
        await client.DeleteWebhook();
        Assert.Equal("edited", _api.Outputs(42)[^1].Text);
        Assert.Equal(["getMe", "sendMessage", "editMessageText", "answerCallbackQuery", "setMyCommands", "deleteWebhook"], _api.Calls.Select(c => c.Method));

        _api.SendText(7, "/help");
        var updates = await client.GetReadableUpdatesAsync(null, 0, ["message", "callback_query"]);
        var update = Assert.Single(updates);
        Assert.Equal("/help", update.Message!.Text);
        Assert.Equal(7, update.Message.From!.Id);
        Assert.Equal(ChatType.Private, update.Message.Chat.Type);
        Assert.Equal(update.Id + 1, updates.NextOffset);
        var poll = _api.Calls.Last(c => c.Method == "getUpdates").Body;
        Assert.Equal(["message", "callback_query"], poll["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(await client.GetReadableUpdatesAsync(update.Id + 1, 0, []));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_Telegram_asked_for()
    {
        _api.FailNext(2, 429, retryAfter: 7);
        var sent = await Client().SendMessage(5, "after the limit");

        Assert.Equal("after the limit", sent.Text);
        Assert.Equal(3, _api.CallCount("sendMessage"));
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _delays.Requested);
    }

    [Fact]
    public async Task A_5xx_is_retried_with_growing_pauses_and_gives_up_after_the_limit()
    {
        _api.FailNext(2, 502);
        Assert.Equal("CampTestBot", (await Client().GetMe()).Username);
        Assert.Equal(2, _delays.Requested.Count);
        Assert.True(_delays.Requested[1] > _delays.Requested[0]);

        _api.FailNext(10, 500);
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client(maxRetries: 3).GetMe());
        Assert.Equal(500, error.ErrorCode);
        Assert.Equal(2 + 1 + 4, _api.CallCount("getMe")); // 2 + the success, then 1 + 3 retries
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_no_error_shows_the_token()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client(token: "999:WRONG-secret").GetMe());
        Assert.Equal(401, error.ErrorCode);
        Assert.Equal(1, _api.CallCount("getMe"));
        Assert.DoesNotContain("WRONG-secret", error.ToString(), StringComparison.Ordinal);

        // Telegram down: connection refused, retried, then an error that names neither URL nor token.
        var port = PostgresFixture.GetFreeTcpPort();
        var down = await Assert.ThrowsAsync<RequestException>(() => Client($"http://127.0.0.1:{port}", maxRetries: 2).GetMe());
        Assert.IsNotType<ApiRequestException>(down);
        Assert.Null(down.HttpStatusCode);
        Assert.DoesNotContain(FakeBotApi.Token, down.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/bot123456", down.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, _delays.Requested.Count);
    }

    [Fact]
    public async Task Ids_outside_telegrams_range_are_skipped_without_moving_the_offset_and_a_confirmed_update_is_not_handed_out_again()
    {
        var first = _api.SendText(8, "/price");
        foreach (var id in new[] { "2147483647", "3000000000", "0", "-5" })
            _api.InjectRaw("""{"update_id":ID,"message":{"message_id":9,"chat":{"id":8,"type":"private"},"date":0,"from":{"id":8,"is_bot":false,"first_name":"X"},"text":"/help"}}""".Replace("ID", id, StringComparison.Ordinal));

        var batch = await Client().GetReadableUpdatesAsync(null, 0, []);
        Assert.Equal(["/price"], batch.Select(u => u.Message!.Text));
        Assert.Equal(first + 1, batch.NextOffset); // an offset past int.MaxValue could never be sent again

        // A server that sends a confirmed update again (id 5, below the offset 10): not handed out twice.
        _api.InjectRaw("""{"update_id":5,"message":{"message_id":10,"chat":{"id":8,"type":"private"},"date":0,"from":{"id":8,"is_bot":false,"first_name":"X"},"text":"/again"}}""");
        var replayed = await Client().GetReadableUpdatesAsync(10, 0, []);
        Assert.Equal(["/price"], replayed.Select(u => u.Message!.Text));

        // An offset stored beyond the range (by an older build) is sent capped instead of failing every poll.
        Assert.Empty(await Client().GetReadableUpdatesAsync(5_000_000_000, 0, []));
    }

    [Fact]
    public async Task An_unreadable_update_is_left_out_and_still_confirmed()
    {
        _api.SendText(8, "/price");
        var bad = _api.InjectRaw("""{"update_id":{0},"message":{"message_id":9,"chat":{"id":8,"type":"private"},"date":0,"from":{"id":8,"is_bot":false,"first_name":"X"},"text":"\ud800 hi"}}""");
        _api.SendText(8, "/help");

        var batch = await Client().GetReadableUpdatesAsync(null, 0, []);

        Assert.Equal(["/price", "/help"], batch.Select(u => u.Message!.Text));
        Assert.Equal(bad + 2, batch.NextOffset);
    }
}

/// <summary>A clock whose timers fire at once and remember what they were asked to wait: retries are checked without waiting.</summary>
internal sealed class InstantDelays : TimeProvider
{
    private readonly List<TimeSpan> _requested = [];

    public IReadOnlyList<TimeSpan> Requested
    {
        get { lock (_requested) return _requested.ToArray(); }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_requested) _requested.Add(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
