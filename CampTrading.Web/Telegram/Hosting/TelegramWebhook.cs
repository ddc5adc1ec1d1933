using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampTrading.Web.Telegram.Api;

namespace CampTrading.Web.Telegram.Hosting;

/// <summary>
/// Webhook mode: Telegram POSTs each update here with the configured secret in X-Telegram-Bot-Api-Secret-Token. The endpoint is
/// anonymous (Telegram has no user) and refuses any request without the secret; when the bot is off or polls, it does not exist (404).
/// Updates at or below the stored offset were handled already (Telegram re-sends until it gets a 2xx) and are skipped.
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
        TelegramStateStore state, CancellationToken ct)
    {
        if (bot.Client is null || bot.Options.Mode != TelegramMode.Webhook) return Results.NotFound();
        if (!SecretMatches(request.Headers[SecretHeader].ToString(), bot.Options.WebhookSecret)) return Results.Unauthorized();
        Update? update;
        try { update = await JsonSerializer.DeserializeAsync<Update>(request.Body, BotApiJson.Options, ct); }
        catch (JsonException) { return Results.BadRequest(); }
        if (update is null) return Results.BadRequest();
        if (await state.AdvanceAsync(TelegramStateStore.UpdateOffset, update.UpdateId + 1, ct))
            await dispatcher.DispatchAsync([update], ct);
        return Results.Ok();
    }

    private static bool SecretMatches(string given, string? expected) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
