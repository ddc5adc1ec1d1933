using CampTrading.Web.Telegram.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampTrading.Tests.Telegram;

/// <summary>The Bot API client against <see cref="FakeBotApi"/> over real HTTP.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync.")]
public sealed class BotApiClientTests : IAsyncLifetime
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

    private BotApiClient Client(string? baseUrl = null, string token = FakeBotApi.Token, int maxRetries = 5) =>
        new(_http, baseUrl ?? _api.BaseUrl, token, _delays, maxRetries, NullLogger<BotApiClient>.Instance);

    [Fact]
    public async Task Typed_calls_round_trip_with_snake_case_and_inline_keyboards()
    {
        var client = Client();
        var me = await client.GetMeAsync();
        Assert.Equal("CampTestBot", me.Username);
        Assert.True(me.IsBot);

        var keyboard = new InlineKeyboardMarkup([[new InlineKeyboardButton("Yes", CallbackData: "ok:1")]]);
        var sent = await client.SendMessageAsync(new SendMessageRequest(42, "你好", keyboard));
        Assert.Equal("你好", sent.Text);
        var output = Assert.Single(_api.Outputs(42));
        Assert.Equal(("Yes", "ok:1"), Assert.Single(output.Buttons));
        var body = _api.Calls.Last(c => c.Method == "sendMessage").Body;
        Assert.Equal(42, body["chat_id"]!.GetValue<long>());
        Assert.Null(body["disable_web_page_preview"]); // nulls are left out

        await client.EditMessageTextAsync(new EditMessageTextRequest(42, sent.MessageId, "edited"));
        Assert.True(await client.AnswerCallbackQueryAsync(new AnswerCallbackQueryRequest("cb1")));
        Assert.True(await client.SetMyCommandsAsync(new SetMyCommandsRequest([new BotCommand("help", "Help")])));
        Assert.True(await client.DeleteWebhookAsync(new DeleteWebhookRequest()));
        Assert.Equal("edited", _api.Outputs(42)[^1].Text);

        _api.SendText(7, "/help");
        var updates = await client.GetUpdatesAsync(new GetUpdatesRequest(null, 0));
        var update = Assert.Single(updates);
        Assert.Equal("/help", update.Message!.Text);
        Assert.Equal(7, update.Message.From!.Id);
        Assert.True(update.Message.Chat.IsPrivate);
        Assert.Empty(await client.GetUpdatesAsync(new GetUpdatesRequest(update.UpdateId + 1, 0)));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_Telegram_asked_for()
    {
        _api.FailNext(2, 429, retryAfter: 7);
        var sent = await Client().SendMessageAsync(new SendMessageRequest(5, "after the limit"));

        Assert.Equal("after the limit", sent.Text);
        Assert.Equal(3, _api.CallCount("sendMessage"));
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _delays.Requested);
    }

    [Fact]
    public async Task A_5xx_is_retried_with_growing_pauses_and_gives_up_after_the_limit()
    {
        _api.FailNext(2, 502);
        Assert.Equal("CampTestBot", (await Client().GetMeAsync()).Username);
        Assert.Equal(2, _delays.Requested.Count);
        Assert.True(_delays.Requested[1] > _delays.Requested[0]);

        _api.FailNext(10, 500);
        var error = await Assert.ThrowsAsync<BotApiException>(() => Client(maxRetries: 3).GetMeAsync());
        Assert.Equal(500, error.ErrorCode);
        Assert.Equal(2 + 1 + 4, _api.CallCount("getMe")); // 2 + the success, then 1 + 3 retries
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_no_error_shows_the_token()
    {
        var error = await Assert.ThrowsAsync<BotApiException>(() => Client(token: "999:WRONG-secret").GetMeAsync());
        Assert.Equal(401, error.ErrorCode);
        Assert.Equal(1, _api.CallCount("getMe"));
        Assert.DoesNotContain("WRONG-secret", error.ToString(), StringComparison.Ordinal);

        // Telegram down: connection refused, retried, then an error that names neither URL nor token.
        var port = PostgresFixture.GetFreeTcpPort();
        var down = await Assert.ThrowsAsync<BotApiException>(() => Client($"http://127.0.0.1:{port}", maxRetries: 2).GetMeAsync());
        Assert.Null(down.ErrorCode);
        Assert.DoesNotContain(FakeBotApi.Token, down.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/bot123456", down.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, _delays.Requested.Count);
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
