namespace CampTrading.Core.Engine;

// SCAFFOLD: the Points feature's commands are not implemented yet; each refuses with InvalidCommand.
#pragma warning disable CA1822, IDE0060 // scaffold only: remove with the implementation
public sealed partial class ExchangeEngine
{
    private CommandResult ApplyTransfer(Transfer c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyGrantToGroup(GrantToGroup c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyRecordDebt(RecordDebt c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplyClearDebt(ClearDebt c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplySetRestrictions(SetRestrictions c) => CommandResult.Reject(RejectCode.InvalidCommand);

    private CommandResult ApplySetTeam(SetTeam c) => CommandResult.Reject(RejectCode.InvalidCommand);

}
