using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CampTrading.Web.Telegram.Hosting;

/// <summary>
/// Webhook mode: Telegram POSTs each update here with the configured secret in X-Telegram-Bot-Api-Secret-Token. The endpoint is
/// anonymous (Telegram has no user) and refuses any request without the secret; when the bot is off or polls, it does not exist (404).
/// Telegram re-sends an update until it gets a 2xx: ids handled lately are skipped (<see cref="RecentUpdateIds"/>), by id rather
/// than by a high-water mark, so an update with a lower id that arrives late is still handled. An update that cannot be read
/// (e.g. a lone surrogate) is logged and acknowledged, so Telegram does not re-send it forever.
/// </summary>
public static class TelegramWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TelegramOptions.TelegramWebhookPath, HandleAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, TelegramBot bot, UpdateDispatcher dispatcher,
        RecentUpdateIds recent, ILogger<UpdateDispatcher> logger, CancellationToken ct)
    {
        if (bot.Client is null || bot.Options.Mode != TelegramMode.Webhook) return Results.NotFound();
        if (!SecretMatches(request.Headers[SecretHeader].ToString(), bot.Options.WebhookSecret)) return Results.Unauthorized();
        Update? update;
        try { update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options, ct); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            logger.LogWarning("Telegram webhook update cannot be read and is skipped: {Error}", e.Message);
            return Results.Ok();
        }
        catch (BadHttpRequestException refused) // above the server's body limit, or a client too slow to send it
        {
            logger.LogWarning("Telegram webhook update refused: {Error}", refused.Message);
            return Results.StatusCode(refused.StatusCode);
        }
        if (update is null) return Results.BadRequest();
        if (!recent.TryBegin(update.Id)) return Results.Ok();
        try
        {
            await dispatcher.DispatchAsync([update], ct);
        }
        catch (OperationCanceledException)
        {
            recent.Abandon(update.Id);
            throw;
        }
        return Results.Ok();
    }

    private static bool SecretMatches(string given, string? expected) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
