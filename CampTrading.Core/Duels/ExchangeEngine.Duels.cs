namespace CampTrading.Core.Engine;

// SCAFFOLD: the Duels feature's commands are not implemented yet; each refuses with InvalidCommand.
#pragma warning disable CA1822, IDE0060 // scaffold only: remove with the implementation
public sealed partial class ExchangeEngine
{
    private CommandResult ApplyCreateDuel(CreateDuel c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyAcceptDuel(AcceptDuel c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyChooseDuel(ChooseDuel c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyCancelDuel(CancelDuel c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private long _nextDuelExpiry = long.MaxValue;

    private void ExpireDuels() => _nextDuelExpiry = long.MaxValue;

    private EngineSnapshot CaptureDuels(EngineSnapshot snapshot) => snapshot;

    private void RestoreDuels(EngineSnapshot snapshot) { }
}
