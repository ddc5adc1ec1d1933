namespace CampTrading.Web.Telegram.Conversation;

/// <summary>A slash command as typed: <c>/buy@CampBot 10 25</c> → name "buy", arguments ["10", "25"], addressee "CampBot".</summary>
public sealed record BotCommandLine(string Name, IReadOnlyList<string> Arguments, string? Addressee = null)
{
    public static BotCommandLine? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text[0] != '/') return null;
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var name = parts[0][1..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        var addressee = at >= 0 ? name[(at + 1)..] : null;
        if (at >= 0) name = name[..at];
        return name.Length == 0 ? null : new BotCommandLine(name.ToLowerInvariant(), parts[1..], addressee);
    }

    /// <summary>The arguments after the first <paramref name="skip"/>, joined by single spaces (a name with spaces).</summary>
    public string Rest(int skip) => string.Join(' ', Arguments.Skip(skip));
}
