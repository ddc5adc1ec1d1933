namespace CampTrading.Web.Arcade;

/// <summary>
/// A play (negative amount, charged to the student) or a prize (positive, paid to the student).
/// <paramref name="Student"/> is the student's registration code, the code printed on the badge and inside its QR
/// (<c>ABCD-EFGH</c>; case, spaces and dashes do not matter). <paramref name="ClientTransactionId"/> is chosen by the
/// machine and unique per machine: a retry with the same id and body gets the original answer.
/// </summary>
public sealed record ArcadeTransactionRequest(string? Student, long? Amount, string? Game, string? ClientTransactionId);

/// <summary>A completed transaction: the engine's id for it and the student's points after it.</summary>
public sealed record ArcadeTransactionResponse(long TransactionId, string ClientTransactionId, string Student, long Amount, string Game, long Balance);

/// <summary>A student's points: Balance is everything they hold, Available what they may spend now (some may be reserved by open orders).</summary>
public sealed record ArcadeBalanceResponse(string Student, string Name, long Balance, long Available);
