using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Points;
using CampTrading.Web.Exchange;

namespace CampTrading.Web.Points;

/// <summary>What a transfer would do, shown before the student confirms. The engine decides at submission.</summary>
public sealed record TransferPreview(RecipientLookup Recipient, long Amount, long Fee, long Total, long Available, RejectCode Problem)
{
    public bool CanSubmit => Recipient.Outcome == RecipientOutcome.Found && Problem == RejectCode.None;
}

/// <summary>The recipient as resolved, and the engine's answer when a transfer was submitted.</summary>
public sealed record TransferOutcome(RecipientLookup Recipient, CommandResult? Result);

/// <summary>Student-to-student transfers for pages, the bot and APIs: resolve, preview the fee, submit.</summary>
public sealed class TransferService(ExchangeService exchange, RecipientResolver resolver)
{
    public RecipientLookup Resolve(string? recipient) => resolver.Resolve(recipient);

    /// <summary>Resolves the recipient and prices the transfer with the live rules (the same formula the engine charges).</summary>
    public TransferPreview Preview(int fromAccountId, string? recipient, long amount)
    {
        var lookup = resolver.Resolve(recipient);
        var available = exchange.Market.Account(fromAccountId)?.AvailablePoints ?? 0;
        if (amount is <= 0 or > Transfer.MaxAmount)
            return new TransferPreview(lookup, amount, 0, 0, available, RejectCode.InvalidAmount);

        var fee = TransferFees.For(amount, exchange.Market.Status.Rules);
        var total = amount + fee;
        var problem = lookup.Recipient?.AccountId == fromAccountId ? RejectCode.TransferToSelf
            : available < total ? RejectCode.InsufficientPoints
            : RejectCode.None;
        return new TransferPreview(lookup, amount, fee, total, available, problem);
    }

    /// <summary>Submits a transfer to an already resolved (and confirmed) recipient; completes once it is durable.</summary>
    public Task<CommandResult> SubmitAsync(int fromAccountId, int toAccountId, long amount, string? memo = null,
        CancellationToken cancellationToken = default) =>
        exchange.SubmitAsync(new Transfer(fromAccountId, toAccountId, amount, string.IsNullOrWhiteSpace(memo) ? null : memo.Trim()), cancellationToken);

    /// <summary>Resolves and, only when exactly one student matches, submits.</summary>
    public async Task<TransferOutcome> TransferAsync(int fromAccountId, string? recipient, long amount, string? memo = null,
        CancellationToken cancellationToken = default)
    {
        var lookup = resolver.Resolve(recipient);
        if (lookup.Recipient is not { } to) return new TransferOutcome(lookup, null);
        return new TransferOutcome(lookup, await SubmitAsync(fromAccountId, to.AccountId, amount, memo, cancellationToken));
    }
}
