using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>
/// What the engine answers to one command. For orders it tells the truth about fills:
/// <see cref="Filled"/> is what traded, <see cref="Remaining"/> what rests or was cancelled.
/// </summary>
public readonly record struct CommandResult(
    RejectCode Code,
    long Id = 0,
    OrderStatus Status = OrderStatus.Rejected,
    long Filled = 0,
    long FilledValue = 0,
    long Remaining = 0,
    CancelReason CancelReason = CancelReason.None,
    long Detail1 = 0,
    long Detail2 = 0)
{
    public bool IsOk => Code == RejectCode.None;

    /// <summary>The command carried a request key already used: this is the first command's result, and nothing was done again.</summary>
    public bool IsRepeat { get; init; }

    public static CommandResult Ok(long id = 0) => new(RejectCode.None, id, OrderStatus.Open);

    public static CommandResult Reject(RejectCode code, long detail1 = 0, long detail2 = 0) =>
        new(code, Detail1: detail1, Detail2: detail2);

    /// <summary>Average fill price in points, rounded down; 0 with no fills.</summary>
    public long AveragePrice => Filled == 0 ? 0 : FilledValue / Filled;
}
