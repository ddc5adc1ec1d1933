using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;

namespace CampTrading.Web.Telegram.Api;

/// <summary>
/// The Telegram.Bot client with the camp's retry rule on every request: after a 429 it waits the <c>retry_after</c> Telegram
/// asked for (<see cref="ApiRequestException.Parameters"/>), after a 5xx or a network failure it backs off (0.5 s, doubling,
/// at most 30 s), up to <c>maxRetries</c>; then the library's exception is thrown. A 4xx is not repeated. Waiting goes through
/// <see cref="TimeProvider"/> so tests can check it without waiting. The library's own 429 retry is off (one rule, here).
/// The token is part of every request URL: the <see cref="HttpClient"/> given here must not log URLs (see
/// <see cref="TelegramBot"/>), and neither this class nor the library puts the URL in a message.
/// </summary>
public sealed class CampBotClient : TelegramBotClient
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly int _maxRetries;
    private readonly ILogger _logger;

    public CampBotClient(string token, string apiBaseUrl, HttpClient http, TimeProvider time, int maxRetries, ILogger<CampBotClient> logger)
        : base(Options(token, apiBaseUrl), http)
    {
        _time = time;
        _maxRetries = maxRetries;
        _logger = logger;
    }

    private static TelegramBotClientOptions Options(string token, string apiBaseUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        // Telegram's own server is the library's default; another base URL (the fake Bot API in tests, a local Bot API server)
        // keeps only its scheme, host and port. Retries are ours: the library's own 429 retry is off.
        var baseUrl = Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var uri) && uri.Host == "api.telegram.org" && uri.Scheme == Uri.UriSchemeHttps
            ? null
            : apiBaseUrl;
        return new TelegramBotClientOptions(token, baseUrl) { RetryThreshold = 0, RetryCount = 0 };
    }

    public override async Task<TResponse> SendRequest<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        var backoff = FirstBackoff;
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? wait;
            RequestException failure;
            try
            {
                return await base.SendRequest(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiRequestException e)
            {
                failure = e;
                wait = e.ErrorCode == (int)HttpStatusCode.TooManyRequests
                    ? TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1))
                    : e.ErrorCode >= 500 ? backoff
                    : null; // 4xx: the request itself is wrong; repeating it cannot help
            }
            catch (RequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Unreachable, timed out, or an answer that is no Bot API answer (a proxy's error page).
                failure = e;
                wait = e.HttpStatusCode is null or >= HttpStatusCode.InternalServerError ? backoff : null;
            }
            if (wait is null || attempt >= _maxRetries) throw failure;

            _logger.LogWarning("Telegram {Method} failed ({Status} {Description}); retrying in {Seconds:0.#} s",
                request.MethodName, StatusOf(failure), failure.Message, wait.Value.TotalSeconds);
            await Task.Delay(wait.Value, _time, cancellationToken).ConfigureAwait(false);
            if (failure is not ApiRequestException { ErrorCode: (int)HttpStatusCode.TooManyRequests })
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    /// <summary>The HTTP or Bot API status of a failure, or "unreachable".</summary>
    public static string StatusOf(RequestException failure) => failure switch
    {
        ApiRequestException api => api.ErrorCode.ToString(CultureInfo.InvariantCulture),
        { HttpStatusCode: { } status } => ((int)status).ToString(CultureInfo.InvariantCulture),
        _ => "unreachable",
    };

    /// <summary>
    /// getUpdates, with the pending updates read one by one: an update that cannot be read (e.g. a lone surrogate in its text)
    /// is logged and left out, and <see cref="UpdateBatch.NextOffset"/> still moves past it, so it is confirmed instead of
    /// fetched forever. (The library's own GetUpdates reads the batch as a whole: one bad update would fail them all.)
    /// Telegram's update ids are positive 32-bit numbers, and so is the offset that confirms them: an id outside that range
    /// (only a broken or hostile server sends one) is skipped without moving the offset, which could otherwise never be sent
    /// again, and an update below <paramref name="offset"/> was confirmed already and is not handled twice.
    /// </summary>
    public async Task<UpdateBatch> GetReadableUpdatesAsync(long? offset, int timeoutSeconds, IReadOnlyList<string> allowedUpdates,
        CancellationToken ct = default)
    {
        var raw = await SendRequest(new RawUpdatesRequest
        {
            Offset = offset is { } o ? (int)Math.Clamp(o, 1, int.MaxValue) : null,
            Timeout = timeoutSeconds,
            AllowedUpdates = allowedUpdates,
        }, ct).ConfigureAwait(false);
        var updates = new List<Update>();
        long? last = null;
        foreach (var element in raw)
        {
            long? id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("update_id", out var idElement)
                && idElement.TryGetInt64(out var value) ? value : null;
            if (id is < 1 or >= int.MaxValue)
            {
                _logger.LogWarning("Telegram update {UpdateId} has an id outside Telegram's range and is skipped", id);
                continue;
            }
            if (id < offset) continue; // confirmed already: a server that sends it again must not make it act twice
            if (id is { } seen) last = Math.Max(last ?? seen, seen);
            try
            {
                if (element.Deserialize<Update>(JsonBotAPI.Options) is { } update)
                {
                    updates.Add(update);
                    last = Math.Max(last ?? update.Id, update.Id);
                    continue;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
            {
                _logger.LogWarning("Telegram update {UpdateId} cannot be read and is skipped: {Error}", id, e.Message);
                continue;
            }
            _logger.LogWarning("Telegram update {UpdateId} is empty and is skipped", id);
        }
        return new UpdateBatch(updates, last + 1);
    }

    /// <summary>The Bot API's getUpdates, its result kept as raw JSON elements (see <see cref="GetReadableUpdatesAsync"/>).</summary>
    private sealed class RawUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
    {
        [JsonPropertyName("offset")]
        public int? Offset { get; init; }

        [JsonPropertyName("limit")]
        public int Limit { get; init; } = 100;

        [JsonPropertyName("timeout")]
        public int Timeout { get; init; }

        [JsonPropertyName("allowed_updates")]
        public IReadOnlyList<string>? AllowedUpdates { get; init; }
    }
}

/// <summary>What getUpdates gave: the updates that could be read, and the offset that confirms all of them (null: none came).</summary>
public sealed record UpdateBatch(IReadOnlyList<Update> Updates, long? NextOffset) : IReadOnlyList<Update>
{
    public Update this[int index] => Updates[index];

    public int Count => Updates.Count;

    public IEnumerator<Update> GetEnumerator() => Updates.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
