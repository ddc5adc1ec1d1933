using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CampTrading.Web.Components;

/// <summary>
/// One per circuit: tells the page's parts when the phone's connection comes back. A call the circuit made into the
/// browser while the connection was down is lost (render batches are sent again; script calls are not), so a part that
/// hands itself to a script (the live market's parts, the chart) attaches again then if it had not finished.
/// </summary>
public sealed class CircuitConnection
{
    private readonly Lock _gate = new();
    private Action[] _listeners = [];

    /// <summary>Runs <paramref name="onUp"/> each time the connection comes back, until the returned handle is disposed.</summary>
    public IDisposable OnReconnected(Action onUp)
    {
        lock (_gate) _listeners = [.. _listeners, onUp];
        return new Listening(this, onUp);
    }

    internal void Up()
    {
        foreach (var listener in Volatile.Read(ref _listeners)) listener();
    }

    private void Remove(Action onUp)
    {
        lock (_gate) _listeners = Array.FindAll(_listeners, l => l != onUp);
    }

    private sealed class Listening(CircuitConnection owner, Action onUp) : IDisposable
    {
        public void Dispose() => owner.Remove(onUp);
    }
}

/// <summary>Passes the circuit's reconnections to its <see cref="CircuitConnection"/> (the first connection is not one).</summary>
public sealed class CircuitConnectionHandler(CircuitConnection connection) : CircuitHandler
{
    private bool _wasUp;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_wasUp) connection.Up();
        _wasUp = true;
        return Task.CompletedTask;
    }
}
