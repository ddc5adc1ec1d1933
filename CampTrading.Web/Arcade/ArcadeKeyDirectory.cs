using System.Collections.Concurrent;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;

namespace CampTrading.Web.Arcade;

/// <summary>
/// The machines' key hashes and revocations, kept current by the engine's events (an <see cref="IEngineObserver"/>) so a
/// presented key is checked in memory on the request's thread: no key, however made up, costs a read through the
/// sequencer's queue. The first batch (the end of recovery) loads every machine; later batches refresh the machines
/// whose catalog entry changed (registered or revoked).
/// </summary>
public sealed class ArcadeKeyDirectory : IEngineObserver
{
    private sealed record Entry(string KeyHash, bool Revoked);

    private readonly ConcurrentDictionary<int, Entry> _machines = new();
    private bool _loaded;

    public void OnBatch(ExchangeEngine engine, ReadOnlySpan<EngineEvent> events)
    {
        if (!_loaded)
        {
            foreach (var machine in engine.ArcadeMachines()) Refresh(engine, machine.Id);
            _loaded = true;
            return;
        }
        foreach (ref readonly var e in events)
            if (e.Kind == EventKind.CatalogChanged && e.Code == (byte)CatalogKind.ArcadeMachine) Refresh(engine, (int)e.Reference);
    }

    private void Refresh(ExchangeEngine engine, int machineId)
    {
        if (engine.FindArcadeMachine(machineId) is { } machine) _machines[machineId] = new Entry(machine.KeyHash, machine.Revoked);
    }

    /// <summary>
    /// The machine a presented key belongs to: Ok with Id = machine id; WrongSecret for a malformed, unknown or wrong key
    /// (which of these is not told); ArcadeMachineRevoked for a revoked machine's right key.
    /// </summary>
    public CommandResult Authenticate(string? presentedKey)
    {
        if (!ArcadeKeys.TryParse(presentedKey, out var machineId, out var secret)) return CommandResult.Reject(RejectCode.WrongSecret);
        if (!_machines.TryGetValue(machineId, out var machine) || !ArcadeKeys.Matches(secret, machine.KeyHash))
            return CommandResult.Reject(RejectCode.WrongSecret);
        return machine.Revoked ? CommandResult.Reject(RejectCode.ArcadeMachineRevoked) : CommandResult.Ok(machineId);
    }

    /// <summary>
    /// The key in the request's <see cref="ArcadeApi.KeyHeader"/>, checked once per request: the rate limiter and the
    /// endpoint both ask, and a check is a SHA-256 of the secret (a few percent of a play's CPU under load).
    /// </summary>
    public CommandResult Authenticate(HttpContext http)
    {
        if (http.Features.Get<KeyCheck>() is { } checkedBefore) return checkedBefore.Result;
        var result = Authenticate(http.Request.Headers[ArcadeApi.KeyHeader].ToString());
        http.Features.Set(new KeyCheck(result));
        return result;
    }

    private sealed record KeyCheck(CommandResult Result);
}
