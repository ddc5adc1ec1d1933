namespace CampTrading.Web.Feeds.Sources;

/// <summary>Why a <see cref="FeedSourceSpec"/> was refused; stable, for the console to show in its own words.</summary>
public enum FeedSpecError
{
    UnknownKind = 1,
    BadSymbol = 2,
    BadUrl = 3,
    FileNotFound = 4,
    BadSpeed = 5,
}

/// <summary>An invalid <see cref="FeedSourceSpec"/>: an <see cref="ArgumentException"/> (the factory's contract) with a stable code.</summary>
public sealed class FeedSourceSpecException : ArgumentException
{
    public FeedSourceSpecException(FeedSpecError code, string message) : base(message) => Code = code;

    public FeedSourceSpecException() : this(FeedSpecError.UnknownKind, "Invalid feed source.") { }

    public FeedSourceSpecException(string message) : this(FeedSpecError.UnknownKind, message) { }

    public FeedSourceSpecException(string message, Exception innerException) : base(message, innerException) => Code = FeedSpecError.UnknownKind;

    public FeedSpecError Code { get; }
}
