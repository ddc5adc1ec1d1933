using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CampTrading.Web.Telegram.Api;

/// <summary>
/// A typed Telegram Bot API client over <see cref="HttpClient"/>. Calls are retried after 429 (waiting retry_after) and after
/// 5xx or network failures (backing off), up to <c>maxRetries</c>; then a <see cref="BotApiException"/> is thrown. The token is
/// part of every URL, so URLs are never logged nor put in exception messages.
/// </summary>
public sealed class BotApiClient
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private readonly int _maxRetries;
    private readonly ILogger _logger;

    public BotApiClient(HttpClient http, string apiBaseUrl, string token, TimeProvider time, int maxRetries, ILogger<BotApiClient> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _http = http;
        _prefix = $"{apiBaseUrl.TrimEnd('/')}/bot{token}/";
        _time = time;
        _maxRetries = maxRetries;
        _logger = logger;
    }

    public Task<User> GetMeAsync(CancellationToken ct = default) => CallAsync<User>("getMe", new { }, ct);

    /// <summary>
    /// The pending updates, read one by one: an update that cannot be read (e.g. a lone surrogate in its text) is logged and
    /// left out, and <see cref="UpdateBatch.NextOffset"/> still moves past it, so it is confirmed instead of fetched forever.
    /// </summary>
    public async Task<UpdateBatch> GetUpdatesAsync(GetUpdatesRequest request, CancellationToken ct = default)
    {
        var raw = await CallAsync<JsonElement>("getUpdates", request, ct);
        if (raw.ValueKind != JsonValueKind.Array) throw new BotApiException("getUpdates", null, "result is not an array");
        var updates = new List<Update>();
        long? last = null;
        foreach (var element in raw.EnumerateArray())
        {
            long? id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("update_id", out var idElement)
                && idElement.TryGetInt64(out var value) ? value : null;
            if (id is { } seen) last = Math.Max(last ?? seen, seen);
            try
            {
                if (element.Deserialize<Update>(BotApiJson.Options) is { } update)
                {
                    updates.Add(update);
                    last = Math.Max(last ?? update.UpdateId, update.UpdateId);
                    continue;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
            {
                _logger.LogWarning("Telegram update {UpdateId} cannot be read and is skipped: {Error}", id, e.Message);
                continue;
            }
            _logger.LogWarning("Telegram update {UpdateId} is empty and is skipped", id);
        }
        return new UpdateBatch(updates, last + 1);
    }

    public Task<Message> SendMessageAsync(SendMessageRequest request, CancellationToken ct = default) =>
        CallAsync<Message>("sendMessage", request, ct);

    /// <summary>Telegram answers the edited message, or <c>true</c> for inline messages; only the success matters here.</summary>
    public Task EditMessageTextAsync(EditMessageTextRequest request, CancellationToken ct = default) =>
        CallAsync<JsonElement>("editMessageText", request, ct);

    public Task EditMessageReplyMarkupAsync(EditMessageReplyMarkupRequest request, CancellationToken ct = default) =>
        CallAsync<JsonElement>("editMessageReplyMarkup", request, ct);

    public Task<bool> AnswerCallbackQueryAsync(AnswerCallbackQueryRequest request, CancellationToken ct = default) =>
        CallAsync<bool>("answerCallbackQuery", request, ct);

    public Task<bool> DeleteMessageAsync(DeleteMessageRequest request, CancellationToken ct = default) =>
        CallAsync<bool>("deleteMessage", request, ct);

    public Task<bool> SetWebhookAsync(SetWebhookRequest request, CancellationToken ct = default) =>
        CallAsync<bool>("setWebhook", request, ct);

    public Task<bool> DeleteWebhookAsync(DeleteWebhookRequest request, CancellationToken ct = default) =>
        CallAsync<bool>("deleteWebhook", request, ct);

    public Task<bool> SetMyCommandsAsync(SetMyCommandsRequest request, CancellationToken ct = default) =>
        CallAsync<bool>("setMyCommands", request, ct);

    /// <summary>Calls <paramref name="method"/> with a JSON body and returns its result, retrying as described above.</summary>
    public async Task<T> CallAsync<T>(string method, object request, CancellationToken ct = default)
    {
        var backoff = FirstBackoff;
        for (var attempt = 0; ; attempt++)
        {
            var (response, failure) = await SendOnceAsync<T>(method, request, ct);
            if (response is { Ok: true })
                return response.Result is { } result ? result : throw new BotApiException(method, null, "no result");

            var status = response?.ErrorCode;
            TimeSpan? wait = status == (int)HttpStatusCode.TooManyRequests
                ? TimeSpan.FromSeconds(Math.Max(1, response?.Parameters?.RetryAfter ?? 1))
                : status is null or >= 500 ? backoff
                : null; // 4xx: the request itself is wrong; repeating it cannot help
            var description = response?.Description ?? failure?.Message ?? "failed";
            if (wait is null || attempt >= _maxRetries)
                throw new BotApiException(method, status, description, failure);

            _logger.LogWarning("Telegram {Method} failed ({Status} {Description}); retrying in {Seconds:0.#} s",
                method, status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unreachable", description, wait.Value.TotalSeconds);
            await Task.Delay(wait.Value, _time, ct);
            if (status != (int)HttpStatusCode.TooManyRequests)
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    private async Task<(ApiResponse<T>? Response, Exception? Failure)> SendOnceAsync<T>(string method, object request, CancellationToken ct)
    {
        try
        {
            using var content = JsonContent.Create(request, request.GetType(), options: BotApiJson.Options);
            using var http = await _http.PostAsync(new Uri(_prefix + method), content, ct);
            try
            {
                var body = await http.Content.ReadFromJsonAsync<ApiResponse<T>>(BotApiJson.Options, ct);
                if (body is not null) return (body with { ErrorCode = body.ErrorCode ?? (body.Ok ? null : (int)http.StatusCode) }, null);
            }
            catch (JsonException) when (!http.IsSuccessStatusCode)
            {
                // A proxy's HTML error page: the status code is all there is.
            }
            return (new ApiResponse<T>(false, default, (int)http.StatusCode, http.ReasonPhrase), null);
        }
        catch (HttpRequestException e)
        {
            // The message of an HttpRequestException names the host at most; the URL (with the token) is kept out.
            return (null, new BotApiException($"Telegram unreachable: {e.Message}"));
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return (null, new BotApiException($"Telegram did not answer in time: {e.Message}"));
        }
    }
}
