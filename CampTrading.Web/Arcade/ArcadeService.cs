using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;

namespace CampTrading.Web.Arcade;

/// <summary>A registered machine: the engine's answer and the API key, shown once (only its hash is kept).</summary>
public sealed record ArcadeMachineRegistered(CommandResult Result, string ApiKey);

/// <summary>
/// Arcade machines for staff and for the machine API: registers machines with a fresh key, authenticates a
/// presented key against the stored hash, and submits charges and prizes. Exactly-once is the engine's: it
/// remembers each (machine, client transaction id), so a retried request gets the first answer.
/// </summary>
public sealed class ArcadeService(ExchangeService exchange, ArcadeKeyDirectory keys)
{
    public async Task<ArcadeMachineRegistered> RegisterAsync(string name, string actor, CancellationToken cancellationToken = default)
    {
        var secret = ArcadeKeys.NewSecret();
        var result = await exchange.SubmitAsync(new RegisterArcadeMachine(name, ArcadeKeys.HashSecret(secret), actor), cancellationToken);
        return new ArcadeMachineRegistered(result, result.IsOk ? ArcadeKeys.Format((int)result.Id, secret) : "");
    }

    public Task<CommandResult> RevokeAsync(int machineId, string actor, CancellationToken cancellationToken = default) =>
        exchange.SubmitAsync(new RevokeArcadeMachine(machineId, actor), cancellationToken);

    /// <summary>
    /// The machine a presented key belongs to: Ok with Id = machine id, WrongSecret for a malformed, unknown or
    /// wrong key (which of these is not told), ArcadeMachineRevoked for a revoked machine's right key. Answered from
    /// memory (<see cref="ArcadeKeyDirectory"/>), never through the engine's queue.
    /// </summary>
    public CommandResult Authenticate(string? presentedKey) => keys.Authenticate(presentedKey);

    /// <summary>The request's key, checked once however often the request asks (<see cref="ArcadeKeyDirectory.Authenticate(HttpContext)"/>).</summary>
    public CommandResult Authenticate(HttpContext http) => keys.Authenticate(http);

    /// <summary>
    /// Authenticates the key, then charges (negative amount) or pays (positive) the account. Ok results carry the
    /// engine's transaction id (Id), the amount (Detail1) and the account's points after it (Detail2).
    /// </summary>
    public async Task<CommandResult> SubmitAsync(string? presentedKey, string clientTransactionId, int accountId, long amount, string game,
        CancellationToken cancellationToken = default)
    {
        var auth = Authenticate(presentedKey);
        if (!auth.IsOk) return auth;
        return await SubmitAsync((int)auth.Id, clientTransactionId, accountId, amount, game, cancellationToken);
    }

    /// <summary>
    /// As above for a machine whose key was already checked. The engine still refuses a machine revoked in the meantime.
    /// </summary>
    public Task<CommandResult> SubmitAsync(int machineId, string clientTransactionId, int accountId, long amount, string game,
        CancellationToken cancellationToken = default) =>
        exchange.SubmitAsync(new ArcadeTransaction(machineId, clientTransactionId, accountId, amount, game), cancellationToken);

    /// <summary>Machines for staff pages, without their key hashes.</summary>
    public Task<IReadOnlyList<ArcadeMachineView>> ListAsync(CancellationToken cancellationToken = default) =>
        exchange.ReadEngineAsync<IReadOnlyList<ArcadeMachineView>>(e => e.ArcadeMachines().Select(m => m with { KeyHash = "" }).ToArray(), cancellationToken);
}
