using System.Collections.Concurrent;

namespace CampTrading.Web.Staff.Console;

public sealed record RecentError(DateTimeOffset At, string Level, string Category, string Message);

/// <summary>
/// The last few warnings and errors the app logged, kept in memory for the dashboard: staff see a
/// failing journal or a crashing page without shell access to the logs.
/// </summary>
public sealed class RecentErrors(TimeProvider time)
{
    public const int Capacity = 50;
    private readonly ConcurrentQueue<RecentError> _entries = new();

    public IReadOnlyList<RecentError> Latest(int count) => _entries.Reverse().Take(count).ToArray();

    public void Add(LogLevel level, string category, string message)
    {
        _entries.Enqueue(new RecentError(time.GetUtcNow(), level.ToString(), category, message));
        while (_entries.Count > Capacity) _entries.TryDequeue(out _);
    }
}

/// <summary>Feeds <see cref="RecentErrors"/> with every entry of level Error or above, except a client's bad request.</summary>
[ProviderAlias("RecentErrors")]
public sealed class RecentErrorsLoggerProvider(RecentErrors errors) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RecentErrorsLogger(errors, categoryName);

    public void Dispose() { }

    private sealed class RecentErrorsLogger(RecentErrors errors, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // A client's malformed request (Development logs each as an unhandled error) is not the server's: a flood of
            // them must not push a failing journal out of the list.
            if (!IsEnabled(logLevel) || exception is BadHttpRequestException) return;
            var message = formatter(state, exception);
            if (exception is not null) message = $"{message} ({exception.GetType().Name}: {exception.Message})";
            errors.Add(logLevel, category, message);
        }
    }
}
