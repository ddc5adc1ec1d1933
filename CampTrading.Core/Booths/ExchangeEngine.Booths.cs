namespace CampTrading.Core.Engine;

// SCAFFOLD: the Booths feature's commands are not implemented yet; each refuses with InvalidCommand.
#pragma warning disable CA1822, IDE0060 // scaffold only: remove with the implementation
public sealed partial class ExchangeEngine
{
    private CommandResult ApplyCreateBooth(CreateBooth c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyResetBoothSecret(ResetBoothSecret c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyAwardBooth(AwardBooth c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private EngineSnapshot CaptureBooths(EngineSnapshot snapshot) => snapshot;

    private void RestoreBooths(EngineSnapshot snapshot) { }
}
