using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;

namespace CampTrading.Web.TradingApi;

/// <summary>
/// Hostile-input handling of the API: query numbers parsed by hand (whole, in range, or a validation_failed problem),
/// bodies read no further than the limit, JSON strictly (no unknown or repeated fields, numbers as numbers).
/// </summary>
public static class ApiInput
{
    /// <summary>
    /// What a client typed, fit to be quoted back in an error: at most <paramref name="max"/> characters, and control and
    /// format characters (a right-to-left override, zero-width marks) and lone surrogates shown as U+FFFD, so a reply
    /// never carries text that reorders or hides what is shown around it.
    /// </summary>
    public static string Quoted(string typed, int max)
    {
        var shown = typed.Length <= max ? typed : typed[..max] + "…";
        var text = new System.Text.StringBuilder(shown.Length);
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1])) { text.Append(c).Append(shown[++i]); continue; }
            var category = char.GetUnicodeCategory(c);
            text.Append(char.IsSurrogate(c) || category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format ? '\uFFFD' : c);
        }
        return text.ToString();
    }

    /// <summary>A keyword as sent, lower-cased when it is plain ASCII; other text stays as it is and matches no keyword.</summary>
    public static string Keyword(string text) => System.Text.Ascii.IsValid(text) ? text.ToLowerInvariant() : text;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 8,
    };

    /// <summary>An optional whole-number query parameter within [min, max]; the default when absent.</summary>
    public static bool TryInt(string? text, string name, int min, int max, int fallback, out int value, out IResult? problem)
    {
        problem = null;
        value = fallback;
        if (text is null) return true;
        if (text.Length <= 10 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max) return true;
        problem = ApiProblems.Validation($"{name} must be a whole number from {min} to {max}.");
        return false;
    }

    /// <summary>An optional ISO 8601 time query parameter.</summary>
    public static bool TryTime(string? text, string name, out DateTimeOffset? value, out IResult? problem)
    {
        problem = null;
        value = null;
        if (text is null) return true;
        if (text.Length <= 40 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && at.Year is >= 2000 and <= 9000)
        {
            value = at;
            return true;
        }
        problem = ApiProblems.Validation($"{name} must be an ISO 8601 time, e.g. 2026-07-01T09:00:00Z.");
        return false;
    }

    /// <summary>A positive id from the path.</summary>
    public static long? Id(string? text) =>
        text is { Length: > 0 and <= 19 } && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (read no further than that).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext http, int maxBytes)
    {
        if (http.Request.ContentLength > maxBytes) return null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = maxBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            return null; // the server's own body limit
        }
        return buffer.ToArray();
    }

    /// <summary>Deserializes strictly; null with the problem when the body is not the expected JSON object.</summary>
    public static T? Parse<T>(byte[] body, string shape, out IResult? problem) where T : class
    {
        problem = null;
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Json);
            if (value is null) problem = ApiProblems.Validation($"The body must be a JSON object: {shape}.");
            return value;
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" (at {(path.Length > 60 ? path[..60] + "…" : path)})" : "";
            problem = ApiProblems.Validation($"The body is not valid{where}: expected a JSON object {shape} with whole numbers and no other fields.");
            return null;
        }
    }
}
