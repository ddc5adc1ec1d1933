namespace CampTrading.Core.Engine;

// SCAFFOLD: the Arcade feature's commands are not implemented yet; each refuses with InvalidCommand.
#pragma warning disable CA1822, IDE0060 // scaffold only: remove with the implementation
public sealed partial class ExchangeEngine
{
    private CommandResult ApplyRegisterArcadeMachine(RegisterArcadeMachine c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyRevokeArcadeMachine(RevokeArcadeMachine c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyArcadeTransaction(ArcadeTransaction c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private EngineSnapshot CaptureArcade(EngineSnapshot snapshot) => snapshot;

    private void RestoreArcade(EngineSnapshot snapshot) { }
}
