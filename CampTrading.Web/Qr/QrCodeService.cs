using System.Security.Claims;
using System.Security.Cryptography;
using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using CampTrading.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Qr;

/// <summary>What creating a batch produced: the engine's answer and, when it succeeded, the printable codes.</summary>
public sealed record QrBatch(CommandResult Result, IReadOnlyList<string> Codes);

/// <summary>
/// QR codes for staff and students. Codes are random strings from a cryptographic source over an alphabet
/// without look-alikes; the engine stores their value, and a redemption only names the code, so the value
/// always comes from the server's record. Concurrency is the engine's: the sequencer applies one at a time.
/// </summary>
public sealed class QrCodeService(ExchangeService exchange, IOptions<QrOptions> options) : IDisposable
{
    /// <summary>Upper-case letters and digits without 0/O, 1/I/L (easy to misread on paper).</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private readonly QrOptions _options = options.Value;
    private readonly FailureLimiter<int> _failures = new(options.Value.FailuresPerWindow, options.Value.FailureWindow);

    public static string GenerateCode(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>What a student may type: spaces and dashes (print grouping) are ignored, case does not matter.</summary>
    public static string Normalize(string? typed) =>
        string.Concat((typed ?? "").Where(ch => !char.IsWhiteSpace(ch) && ch != '-')).ToUpperInvariant();

    /// <summary>Creates <paramref name="count"/> new codes; on the (astronomically unlikely) clash with an existing code, draws again.</summary>
    public async Task<QrBatch> CreateBatchAsync(int count, long value, int maxUses, DateTimeOffset? expiresAt, string label, string actor,
        CancellationToken cancellationToken = default)
    {
        if (count < 1 || count > _options.MaxBatch) return new QrBatch(CommandResult.Reject(RejectCode.InvalidCommand), []);
        for (var attempt = 0; ; attempt++)
        {
            var codes = new HashSet<string>(StringComparer.Ordinal);
            while (codes.Count < count) codes.Add(GenerateCode(_options.CodeLength));
            var list = codes.ToArray();
            var result = await exchange.SubmitAsync(new CreateQrCodes(list, value, maxUses, expiresAt, label, actor, _options.MaxValue), cancellationToken);
            if (result.Code == RejectCode.QrCodeTaken && attempt < 3) continue;
            return new QrBatch(result, result.IsOk ? list : []);
        }
    }

    /// <summary>Redeems for the signed-in student; a request without an account is not permitted.</summary>
    public Task<CommandResult> RedeemAsync(ClaimsPrincipal user, string typedCode, CancellationToken cancellationToken = default) =>
        CampClaims.AccountIdOf(user) is { } accountId
            ? RedeemAsync(accountId, typedCode, cancellationToken)
            : Task.FromResult(CommandResult.Reject(RejectCode.NotPermitted));

    /// <summary>
    /// Redeems a code for an account (the caller has authenticated it). Too many failures from one account
    /// in a window are refused without reaching the engine (TooManyAttempts), so codes cannot be guessed by trying.
    /// </summary>
    public async Task<CommandResult> RedeemAsync(int accountId, string typedCode, CancellationToken cancellationToken = default)
    {
        // The attempt holds one of the account's remaining failures until the engine answers: concurrent guesses cannot overshoot.
        using var attempt = _failures.TryBeginAttempt(accountId);
        if (attempt is null) return CommandResult.Reject(RejectCode.TooManyAttempts);
        var code = Normalize(typedCode);
        var result = code.Length == 0
            ? CommandResult.Reject(RejectCode.QrUnknown)
            : await exchange.SubmitAsync(new RedeemQr(accountId, code), cancellationToken);
        if (result.Code is RejectCode.QrUnknown or RejectCode.QrVoided or RejectCode.QrExpired) attempt.Failed();
        else attempt.Succeeded();
        return result;
    }

    public Task<CommandResult> VoidAsync(string code, string actor, CancellationToken cancellationToken = default) =>
        exchange.SubmitAsync(new VoidQr(Normalize(code), actor), cancellationToken);

    public Task<IReadOnlyList<QrCodeView>> ListAsync(CancellationToken cancellationToken = default) =>
        exchange.ReadEngineAsync(e => e.QrCodes(), cancellationToken);

    public Task<QrCodeView?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        exchange.ReadEngineAsync(e => e.FindQrCode(Normalize(code)), cancellationToken);

    public void Dispose() => _failures.Dispose();
}
