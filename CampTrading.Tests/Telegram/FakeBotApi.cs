using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CampTrading.Tests.Telegram;

/// <summary>What the bot showed in a chat: a new message or an edit of one, with its buttons' callback data.</summary>
public sealed record BotOutput(string Method, long ChatId, long MessageId, string Text, IReadOnlyList<(string Text, string Data)> Buttons)
{
    public string DataOf(string buttonTextPart) =>
        Buttons.First(b => b.Text.Contains(buttonTextPart, StringComparison.Ordinal)).Data;
}

/// <summary>
/// A stand-in for api.telegram.org, hosted on loopback over real HTTP (Kestrel). It serves injected updates through getUpdates
/// (confirming them by offset, as Telegram does), records every call, keeps the messages the bot sent and edited, and can be told
/// to answer the next calls with 429 + retry_after or a 5xx. It speaks what Telegram.Bot sends: a POST of a JSON body (or of no
/// body at all, for parameterless methods such as getMe) to /bot&lt;token&gt;/&lt;method&gt;, answered as the Bot API answers.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const string Token = "123456:TEST-token-SECRET";

    private readonly object _gate = new();
    /// <summary>Pending updates as the JSON getUpdates serves them (raw, so a test can serve what no serializer would write).</summary>
    private readonly List<(long Id, string Json)> _pending = [];
    private readonly Dictionary<string, int> _failingMethods = [];
    private readonly List<(string Method, JsonObject Body)> _calls = [];
    private readonly List<BotOutput> _outputs = [];
    private readonly Queue<(int Status, int? RetryAfter)> _failures = new();
    private readonly Dictionary<long, int> _readCursor = [];
    private readonly SemaphoreSlim _changed = new(0);
    private WebApplication? _app;
    private long _nextUpdateId = 1000;
    private long _nextMessageId = 1;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeBotApi> StartAsync()
    {
        var fake = new FakeBotApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync();
        fake._app = app;
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public IReadOnlyList<(string Method, JsonObject Body)> Calls
    {
        get { lock (_gate) return _calls.ToArray(); }
    }

    public int CallCount(string method)
    {
        lock (_gate) return _calls.Count(c => c.Method == method);
    }

    /// <summary>The next <paramref name="count"/> calls (of any method) are answered with this status.</summary>
    public void FailNext(int count, int status, int? retryAfter = null)
    {
        lock (_gate) for (var i = 0; i < count; i++) _failures.Enqueue((status, retryAfter));
    }

    /// <summary>Every call of <paramref name="method"/> is answered with this status from now on.</summary>
    public void FailMethod(string method, int status)
    {
        lock (_gate) _failingMethods[method] = status;
    }

    /// <summary>Serves an update given as raw JSON (<c>{0}</c> stands for its update id).</summary>
    public long InjectRaw(string jsonWithIdPlaceholder) =>
        Inject(id => jsonWithIdPlaceholder.Replace("{0}", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    public long SendText(long userId, string text, string language = "zh-hant", long? chatId = null, string? name = null)
    {
        var chat = chatId ?? userId;
        int messageId;
        lock (_gate) messageId = (int)_nextMessageId++;
        var message = TextMessage(messageId, chat, userId, text, language, name ?? "User" + userId.ToString(CultureInfo.InvariantCulture));
        return Inject(id => new Update { Id = (int)id, Message = message });
    }

    /// <summary>The user presses a button of one of the bot's messages.</summary>
    public long Press(long userId, BotOutput on, string data, string language = "zh-hant") =>
        Inject(id => new Update
        {
            Id = (int)id,
            CallbackQuery = new CallbackQuery
            {
                Id = "cb" + id.ToString(CultureInfo.InvariantCulture),
                From = new User { Id = userId, FirstName = "User", LanguageCode = language },
                Message = new Message { Id = (int)on.MessageId, Chat = ChatOf(on.ChatId), Date = DateTime.UnixEpoch, Text = on.Text },
                Data = data,
            },
        });

    /// <summary>A text message from a user, as Telegram delivers it (the library's own types).</summary>
    public static Message TextMessage(int messageId, long chatId, long userId, string text, string? language = "zh-hant", string name = "User") => new()
    {
        Id = messageId,
        Chat = ChatOf(chatId),
        Date = DateTime.UtcNow,
        From = new User { Id = userId, FirstName = name, LanguageCode = language },
        Text = text,
    };

    /// <summary>An update carrying a text message (for the webhook).</summary>
    public static Update TextUpdate(int updateId, int messageId, long chatId, string text, string? language = "en", string name = "Web") =>
        new() { Id = updateId, Message = TextMessage(messageId, chatId, chatId, text, language, name) };

    private static Chat ChatOf(long chatId) => new() { Id = chatId, Type = chatId > 0 ? ChatType.Private : ChatType.Supergroup };

    private long Inject(Func<long, Update> make) => Inject(id => JsonSerializer.Serialize(make(id), JsonBotAPI.Options));

    private long Inject(Func<long, string> make)
    {
        long id;
        lock (_gate)
        {
            id = _nextUpdateId++;
            _pending.Add((id, make(id)));
        }
        _changed.Release();
        return id;
    }

    /// <summary>Every output to the chat so far (messages and edits), oldest first.</summary>
    public IReadOnlyList<BotOutput> Outputs(long chatId)
    {
        lock (_gate) return _outputs.Where(o => o.ChatId == chatId).ToArray();
    }

    /// <summary>
    /// Waits for the next output to the chat (after those already taken by this method) whose text contains
    /// <paramref name="contains"/>; skips others. Fails after 60 s (a missing answer, not a slow one).
    /// </summary>
    public async Task<BotOutput> NextAsync(long chatId, string contains = "")
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            lock (_gate)
            {
                var seen = _readCursor.GetValueOrDefault(chatId);
                var outputs = _outputs.Where(o => o.ChatId == chatId).ToArray();
                for (var i = seen; i < outputs.Length; i++)
                {
                    if (!outputs[i].Text.Contains(contains, StringComparison.Ordinal)) continue;
                    _readCursor[chatId] = i + 1;
                    return outputs[i];
                }
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new Xunit.Sdk.XunitException($"No bot output to chat {chatId} containing \"{contains}\". Outputs:\n" +
                    string.Join("\n---\n", Outputs(chatId).Select(o => o.Text)));
            await _changed.WaitAsync(TimeSpan.FromMilliseconds(Math.Min(200, left.TotalMilliseconds)));
        }
    }

    private async Task<IResult> HandleAsync(string token, string method, HttpRequest request)
    {
        // Telegram.Bot sends parameterless methods (getMe) without a body.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.Length == 0 ? [] : (JsonNode.Parse(buffer.ToArray())?.AsObject() ?? []);
        (int Status, int? RetryAfter)? failure = null;
        lock (_gate)
        {
            _calls.Add((method, body));
            if (_failures.Count > 0) failure = _failures.Dequeue();
            else if (_failingMethods.TryGetValue(method, out var status)) failure = (status, null);
        }
        if (token != Token) return Error(401, "Unauthorized");
        if (failure is { } f)
            return f.Status == 429 ? Error(429, $"Too Many Requests: retry after {f.RetryAfter}", f.RetryAfter) : Error(f.Status, "Internal Server Error");

        switch (method)
        {
            case "getMe":
                return Ok(new User { Id = 123456, IsBot = true, FirstName = "Camp Bot", Username = "CampTestBot" });
            case "getUpdates":
                var updates = await UpdatesAsync(body["offset"]?.GetValue<long?>(), body["timeout"]?.GetValue<int>() ?? 0);
                return Results.Text("{\"ok\":true,\"result\":[" + string.Join(',', updates) + "]}", "application/json");
            case "sendMessage":
            {
                var chat = body["chat_id"]!.GetValue<long>();
                var output = Record("sendMessage", chat, null, body);
                return Ok(new Message { Id = (int)output.MessageId, Chat = ChatOf(chat), Date = DateTime.UtcNow, Text = output.Text });
            }
            case "editMessageText":
            {
                // As Telegram: an edited chat message is answered with the message (true is only for inline messages).
                var chat = body["chat_id"]!.GetValue<long>();
                var output = Record("editMessageText", chat, body["message_id"]!.GetValue<long>(), body);
                return Ok(new Message { Id = (int)output.MessageId, Chat = ChatOf(chat), Date = DateTime.UtcNow, Text = output.Text });
            }
            default:
                return Ok(true);
        }
    }

    private BotOutput Record(string method, long chat, long? messageId, JsonObject body)
    {
        var buttons = body["reply_markup"]?["inline_keyboard"]?.AsArray()
            .SelectMany(row => row!.AsArray())
            .Select(b => (b!["text"]!.GetValue<string>(), b["callback_data"]?.GetValue<string>() ?? ""))
            .ToArray() ?? [];
        BotOutput output;
        lock (_gate)
        {
            output = new BotOutput(method, chat, messageId ?? _nextMessageId++, body["text"]!.GetValue<string>(), buttons);
            _outputs.Add(output);
        }
        _changed.Release();
        return output;
    }

    private async Task<string[]> UpdatesAsync(long? offset, int timeout)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeout);
        while (true)
        {
            lock (_gate)
            {
                // As Telegram: an offset confirms (forgets) every update below it.
                if (offset is { } confirmed) _pending.RemoveAll(u => u.Id < confirmed);
                if (_pending.Count > 0 || DateTime.UtcNow >= deadline) return _pending.Select(u => u.Json).ToArray();
            }
            await Task.Delay(50);
        }
    }

    public int PendingUpdates
    {
        get { lock (_gate) return _pending.Count; }
    }

    private static IResult Ok<T>(T result) =>
        Results.Text("{\"ok\":true,\"result\":" + JsonSerializer.Serialize(result, JsonBotAPI.Options) + "}", "application/json");

    private static IResult Error(int status, string description, int? retryAfter = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description };
        if (retryAfter is { } seconds) body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        return Results.Text(body.ToJsonString(), "application/json", statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _changed.Dispose();
    }
}
