using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SampleBot;

/// <summary>A refusal of the API: the HTTP status and the stable problem code (e.g. insufficient_points).</summary>
public sealed class ApiException(int status, string code, string detail) : Exception($"{status} {code}: {detail}")
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>The REST part of the trading API (/api/v1): JSON in and out, problem details turned into <see cref="ApiException"/>.</summary>
public sealed class TradingApi : IDisposable
{
    private const int MaxRetries = 3;
    private readonly HttpClient _http;

    public TradingApi(Uri baseUrl, string token)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<JsonElement> InstrumentsAsync(CancellationToken ct) => SendAsync(HttpMethod.Get, "/api/v1/instruments", null, ct);

    public Task<JsonElement> PortfolioAsync(CancellationToken ct) => SendAsync(HttpMethod.Get, "/api/v1/me/portfolio", null, ct);

    /// <summary>
    /// An immediate-or-cancel limit order: it trades with what is in the book at <paramref name="price"/> or better, and
    /// the rest is cancelled at once. The clientOrderId makes a retry safe: the API answers the first order again.
    /// </summary>
    public Task<JsonElement> PlaceIocAsync(string symbol, string side, long quantity, long price, string clientOrderId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/api/v1/orders", new { symbol, side, type = "limit", quantity, price, timeInForce = "ioc", clientOrderId }, ct);

    public Task<JsonElement> CancelAsync(long orderId, CancellationToken ct) => SendAsync(HttpMethod.Delete, $"/api/v1/orders/{orderId}", null, ct);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = JsonContent.Create(body);
            using var response = await _http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode) return JsonDocument.Parse(text).RootElement.Clone();

            var (code, detail) = Problem(response.StatusCode, text);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRetries)
            {
                // Too many requests: the server says how long to wait. The same request again is safe (clientOrderId).
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                Program.Log($"rate limited ({code}), waiting {wait.TotalSeconds:0.#} s");
                await Task.Delay(wait, ct);
                continue;
            }
            throw new ApiException((int)response.StatusCode, code, detail);
        }
    }

    /// <summary>The stable code and the detail of an RFC 7807 problem answer.</summary>
    private static (string Code, string Detail) Problem(HttpStatusCode status, string text)
    {
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            return (problem.TryGetProperty("code", out var code) ? code.GetString() ?? "" : $"http_{(int)status}",
                problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "");
        }
        catch (JsonException)
        {
            return ($"http_{(int)status}", text.Length > 200 ? text[..200] : text);
        }
    }

    public void Dispose() => _http.Dispose();
}
