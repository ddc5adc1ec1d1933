namespace CampTrading.Web.Telegram.Api;

/// <summary>
/// A Bot API call failed: Telegram answered <c>ok:false</c> (<see cref="ErrorCode"/> set) or could not be reached. The message
/// names the method, never the token-bearing URL.
/// </summary>
public sealed class BotApiException : Exception
{
    public BotApiException() { }

    public BotApiException(string message) : base(message) { }

    public BotApiException(string message, Exception innerException) : base(message, innerException) { }

    public BotApiException(string method, int? errorCode, string description, Exception? innerException = null)
        : base($"Telegram {method} failed: {(errorCode is { } code ? $"{code} " : "")}{description}", innerException)
    {
        Method = method;
        ErrorCode = errorCode;
    }

    public string? Method { get; }
    public int? ErrorCode { get; }
}
