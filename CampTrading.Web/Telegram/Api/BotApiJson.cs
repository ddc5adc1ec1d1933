using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampTrading.Web.Telegram.Api;

/// <summary>The Bot API's JSON conventions: snake_case names, nulls left out.</summary>
public static class BotApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
