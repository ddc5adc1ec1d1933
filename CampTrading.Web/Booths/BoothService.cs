using System.Globalization;
using CampTrading.Core.Engine;
using CampTrading.Web.Abuse;
using CampTrading.Web.Exchange;
using CampTrading.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Booths;

/// <summary>A new booth: the engine's answer and the secret to hand to the community (shown once, stored only hashed).</summary>
public sealed record BoothCreated(CommandResult Result, string Secret);

/// <summary>
/// Community booths. The secret typed at a booth is checked against the hash the engine holds (read on the
/// engine thread, so a reset takes effect at once); wrong secrets are rate limited per client (the
/// <see cref="ActionSource"/>), across all booths, so a stranger guessing cannot lock a booth out for its own staff. The award names
/// the student's account id, and the engine pays each account once per booth. Every award is audited: the
/// journal keeps the command with the acting staff member in Actor, the ledger keeps the payment (kind booth).
/// </summary>
public sealed class BoothService(ExchangeService exchange, IOptions<BoothOptions> options) : IDisposable
{
    private readonly BoothOptions _options = options.Value;
    private readonly FailureLimiter<string> _wrongSecrets = new(options.Value.WrongSecretsPerWindow, options.Value.WrongSecretWindow);

    /// <summary>Creates a booth; with no secret given, generates one.</summary>
    public async Task<BoothCreated> CreateAsync(string name, string? secret, long reward, string actor, CancellationToken cancellationToken = default)
    {
        secret ??= BoothSecretHasher.Generate();
        if (secret.Length < _options.MinSecretLength) return new BoothCreated(CommandResult.Reject(RejectCode.InvalidCommand), "");
        var result = await exchange.SubmitAsync(new CreateBooth(name, BoothSecretHasher.Hash(secret, _options.Pbkdf2Iterations), actor, reward), cancellationToken);
        return new BoothCreated(result, result.IsOk ? secret : "");
    }

    public async Task<BoothCreated> ResetSecretAsync(int boothId, string? secret, string actor, CancellationToken cancellationToken = default)
    {
        secret ??= BoothSecretHasher.Generate();
        if (secret.Length < _options.MinSecretLength) return new BoothCreated(CommandResult.Reject(RejectCode.InvalidCommand), "");
        var result = await exchange.SubmitAsync(new ResetBoothSecret(boothId, BoothSecretHasher.Hash(secret, _options.Pbkdf2Iterations), actor), cancellationToken);
        return new BoothCreated(result, result.IsOk ? secret : "");
    }

    /// <summary>Checks a secret typed at the booth (e.g. to unlock the booth page). Ok, BoothUnknown, WrongSecret or TooManyAttempts.</summary>
    public async Task<CommandResult> VerifySecretAsync(int boothId, string secret, CancellationToken cancellationToken = default)
    {
        var client = ActionSource.Current ?? "booth:" + boothId.ToString(CultureInfo.InvariantCulture);
        // The attempt holds one of the client's remaining failures while the slow hash runs: concurrent guesses cannot overshoot.
        using var attempt = _wrongSecrets.TryBeginAttempt(client);
        if (attempt is null) return CommandResult.Reject(RejectCode.TooManyAttempts);
        var booth = await exchange.ReadEngineAsync(e => e.FindBooth(boothId), cancellationToken);
        if (booth is null) return CommandResult.Reject(RejectCode.BoothUnknown);
        if (!BoothSecretHasher.Verify(secret, booth.SecretHash))
        {
            attempt.Failed();
            return CommandResult.Reject(RejectCode.WrongSecret);
        }
        attempt.Succeeded();
        return CommandResult.Ok(boothId);
    }

    /// <summary>
    /// Awards the booth's reward to a student's account, after checking the booth's secret.
    /// <paramref name="actor"/> names the staff member at the booth; it is journaled with the award.
    /// </summary>
    public async Task<CommandResult> AwardAsync(int boothId, string secret, int studentAccountId, string actor, CancellationToken cancellationToken = default)
    {
        var check = await VerifySecretAsync(boothId, secret, cancellationToken);
        if (!check.IsOk) return check;
        return await exchange.SubmitAsync(new AwardBooth(boothId, studentAccountId, actor), cancellationToken);
    }

    /// <summary>Booths for staff pages, without their secret hashes.</summary>
    public Task<IReadOnlyList<BoothView>> ListAsync(CancellationToken cancellationToken = default) =>
        exchange.ReadEngineAsync<IReadOnlyList<BoothView>>(e => e.Booths().Select(b => b with { SecretHash = "" }).ToArray(), cancellationToken);

    public Task<bool> HasAwardedAsync(int boothId, int accountId, CancellationToken cancellationToken = default) =>
        exchange.ReadEngineAsync(e => e.BoothHasAwarded(boothId, accountId), cancellationToken);

    public void Dispose() => _wrongSecrets.Dispose();
}
