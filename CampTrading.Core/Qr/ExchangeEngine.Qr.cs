namespace CampTrading.Core.Engine;

// SCAFFOLD: the Qr feature's commands are not implemented yet; each refuses with InvalidCommand.
#pragma warning disable CA1822, IDE0060 // scaffold only: remove with the implementation
public sealed partial class ExchangeEngine
{
    private CommandResult ApplyCreateQrCodes(CreateQrCodes c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyRedeemQr(RedeemQr c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyVoidQr(VoidQr c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private EngineSnapshot CaptureQr(EngineSnapshot snapshot) => snapshot;

    private void RestoreQr(EngineSnapshot snapshot) { }
}
