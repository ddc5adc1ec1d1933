namespace CampTrading.Core.Engine;

// SCAFFOLD: the Settlement feature's commands are not implemented yet; each refuses with InvalidCommand.
#pragma warning disable CA1822, IDE0060, CS0649 // scaffold only: remove with the implementation
public sealed partial class ExchangeEngine
{
    private CommandResult ApplySettle(Settle c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private EngineSnapshot CaptureSettlement(EngineSnapshot snapshot) => snapshot;

    private void RestoreSettlement(EngineSnapshot snapshot) { }

    private bool _settled;
}
