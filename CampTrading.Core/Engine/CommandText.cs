using System.Collections.Frozen;
using CampTrading.Core.Feeds;
using CampTrading.Core.Points;

namespace CampTrading.Core.Engine;

/// <summary>Single-line text (names, labels, ids) or a memo that may hold line breaks.</summary>
public enum TextKind : byte { Line, MultiLine }

/// <summary>One string (or list of strings) field of a command and the rule its text must follow.</summary>
public sealed record TextField(Type Command, string Name, int MaxLength, TextKind Kind, Func<Command, string?>? One, Func<Command, IReadOnlyList<string>?>? Many);

/// <summary>
/// The one text rule for every string a command carries, checked by the sequencer before a command is queued,
/// so nothing that PostgreSQL, a replay or another camper's screen would choke on is ever journaled:
/// at most <see cref="TextField.MaxLength"/> UTF-16 units, well-formed UTF-16 (no lone surrogate), no control
/// character (U+0000 included; a memo may hold line breaks), no bidirectional override or isolate
/// (U+202A–U+202E, U+2066–U+2069), which would let a name display as something else.
/// Every string field of every command must be declared here; a test reflects over the commands to make sure.
/// </summary>
public static class CommandText
{
    public const int NameLength = 100;
    public const int ActorLength = 200;
    public const int ReasonLength = 500;
    public const int SymbolLength = 32;
    public const int CodeLength = 200;

    private static readonly TextField[] None = [];

    private static readonly FrozenDictionary<Type, TextField[]> FieldsByType = new TextField[]
    {
        Line<OpenAccount>(nameof(OpenAccount.Name), NameLength, c => c.Name),
        Line<OpenAccount>(nameof(OpenAccount.Team), SetTeam.MaxTeamLength, c => c.Team),
        Line<OpenAccount>(nameof(OpenAccount.Key), OpenAccount.MaxKeyLength, c => c.Key),
        Line<ListInstrument>(nameof(ListInstrument.Symbol), SymbolLength, c => c.Symbol),
        Line<ListInstrument>(nameof(ListInstrument.Name), NameLength, c => c.Name),
        Line<SetMarketOverride>(nameof(SetMarketOverride.Actor), ActorLength, c => c.Actor),
        Line<SetSchedule>(nameof(SetSchedule.Actor), ActorLength, c => c.Actor),
        Line<SetTradingRules>(nameof(SetTradingRules.Actor), ActorLength, c => c.Actor),
        Memo<Grant>(nameof(Grant.Reason), ReasonLength, c => c.Reason),
        Line<Grant>(nameof(Grant.Actor), ActorLength, c => c.Actor),
        Memo<Transfer>(nameof(Transfer.Memo), Transfer.MaxMemoLength, c => c.Memo),
        Line<GrantToGroup>(nameof(GrantToGroup.Team), SetTeam.MaxTeamLength, c => c.Team),
        Memo<GrantToGroup>(nameof(GrantToGroup.Reason), ReasonLength, c => c.Reason),
        Line<GrantToGroup>(nameof(GrantToGroup.Actor), ActorLength, c => c.Actor),
        Memo<RecordDebt>(nameof(RecordDebt.Reason), ReasonLength, c => c.Reason),
        Line<RecordDebt>(nameof(RecordDebt.Actor), ActorLength, c => c.Actor),
        Memo<ClearDebt>(nameof(ClearDebt.Reason), ReasonLength, c => c.Reason),
        Line<ClearDebt>(nameof(ClearDebt.Actor), ActorLength, c => c.Actor),
        Line<SetRestrictions>(nameof(SetRestrictions.Actor), ActorLength, c => c.Actor),
        Line<SetTeam>(nameof(SetTeam.Team), SetTeam.MaxTeamLength, c => c.Team),
        Line<SetTeam>(nameof(SetTeam.Actor), ActorLength, c => c.Actor),
        Line<SetIpoOffer>(nameof(SetIpoOffer.Actor), ActorLength, c => c.Actor),
        new(typeof(CreateQrCodes), nameof(CreateQrCodes.Codes), CreateQrCodes.MaxCodeLength, TextKind.Line, null, c => ((CreateQrCodes)c).Codes),
        Line<CreateQrCodes>(nameof(CreateQrCodes.Label), CreateQrCodes.MaxLabelLength, c => c.Label),
        Line<CreateQrCodes>(nameof(CreateQrCodes.Actor), ActorLength, c => c.Actor),
        Line<RedeemQr>(nameof(RedeemQr.Code), CodeLength, c => c.Code),
        Line<VoidQr>(nameof(VoidQr.Code), CodeLength, c => c.Code),
        Line<VoidQr>(nameof(VoidQr.Actor), ActorLength, c => c.Actor),
        Line<CreateBooth>(nameof(CreateBooth.Name), CreateBooth.MaxNameLength, c => c.Name),
        Line<CreateBooth>(nameof(CreateBooth.SecretHash), CreateBooth.MaxHashLength, c => c.SecretHash),
        Line<CreateBooth>(nameof(CreateBooth.Actor), ActorLength, c => c.Actor),
        Line<ResetBoothSecret>(nameof(ResetBoothSecret.SecretHash), CreateBooth.MaxHashLength, c => c.SecretHash),
        Line<ResetBoothSecret>(nameof(ResetBoothSecret.Actor), ActorLength, c => c.Actor),
        Line<AwardBooth>(nameof(AwardBooth.Actor), ActorLength, c => c.Actor),
        Line<RegisterArcadeMachine>(nameof(RegisterArcadeMachine.Name), RegisterArcadeMachine.MaxNameLength, c => c.Name),
        Line<RegisterArcadeMachine>(nameof(RegisterArcadeMachine.KeyHash), RegisterArcadeMachine.MaxHashLength, c => c.KeyHash),
        Line<RegisterArcadeMachine>(nameof(RegisterArcadeMachine.Actor), ActorLength, c => c.Actor),
        Line<RevokeArcadeMachine>(nameof(RevokeArcadeMachine.Actor), ActorLength, c => c.Actor),
        Line<ArcadeTransaction>(nameof(ArcadeTransaction.ClientTransactionId), ArcadeTransaction.MaxIdLength, c => c.ClientTransactionId),
        Line<ArcadeTransaction>(nameof(ArcadeTransaction.Game), ArcadeTransaction.MaxGameLength, c => c.Game),
        Line<CancelDuel>(nameof(CancelDuel.Actor), ActorLength, c => c.Actor),
        Line<Settle>(nameof(Settle.Actor), ActorLength, c => c.Actor),
        Line<ListFeedInstrument>(nameof(ListFeedInstrument.Symbol), SymbolLength, c => c.Symbol),
        Line<ListFeedInstrument>(nameof(ListFeedInstrument.Name), NameLength, c => c.Name),
        Line<ListFeedInstrument>(nameof(ListFeedInstrument.Actor), ActorLength, c => c.Actor),
        Line<ListFeedInstrument>(nameof(ListFeedInstrument.FeedKind), FeedSourceSettings.MaxKindLength, c => c.FeedKind),
        Line<ListFeedInstrument>(nameof(ListFeedInstrument.FeedSymbol), FeedSourceSettings.MaxSymbolLength, c => c.FeedSymbol),
        Line<ListFeedInstrument>(nameof(ListFeedInstrument.FeedLocation), FeedSourceSettings.MaxLocationLength, c => c.FeedLocation),
        Line<ConfigureFeedInstrument>(nameof(ConfigureFeedInstrument.Actor), ActorLength, c => c.Actor),
        Line<ConfigureFeedInstrument>(nameof(ConfigureFeedInstrument.FeedKind), FeedSourceSettings.MaxKindLength, c => c.FeedKind),
        Line<ConfigureFeedInstrument>(nameof(ConfigureFeedInstrument.FeedSymbol), FeedSourceSettings.MaxSymbolLength, c => c.FeedSymbol),
        Line<ConfigureFeedInstrument>(nameof(ConfigureFeedInstrument.FeedLocation), FeedSourceSettings.MaxLocationLength, c => c.FeedLocation),
        Line<SetFeedControl>(nameof(SetFeedControl.Actor), ActorLength, c => c.Actor),
        Line<PlaceOrder>(nameof(PlaceOrder.RequestKey), PlaceOrder.MaxRequestKeyLength, c => c.RequestKey),
        Line<Transfer>(nameof(Transfer.RequestKey), Transfer.MaxRequestKeyLength, c => c.RequestKey),
        Line<CreateDuel>(nameof(CreateDuel.RequestKey), CreateDuel.MaxRequestKeyLength, c => c.RequestKey),
    }.GroupBy(f => f.Command).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The declared text fields of a command type (empty when it has none).</summary>
    public static IReadOnlyList<TextField> FieldsOf(Type commandType) => FieldsByType.GetValueOrDefault(commandType, None);

    /// <summary>Ok, or the rejection naming the first field that breaks the rule (Detail1: its maximum length).</summary>
    public static CommandResult Check(Command command)
    {
        if (!FieldsByType.TryGetValue(command.GetType(), out var fields)) return CommandResult.Ok();
        foreach (var field in fields)
        {
            if (field.One is not null)
            {
                var problem = Check(field.One(command), field.MaxLength, field.Kind);
                if (problem != RejectCode.None) return CommandResult.Reject(problem, field.MaxLength);
            }
            else if (field.Many!(command) is { } values)
            {
                for (var i = 0; i < values.Count; i++)
                {
                    var problem = Check(values[i], field.MaxLength, field.Kind);
                    if (problem != RejectCode.None) return CommandResult.Reject(problem, field.MaxLength);
                }
            }
        }
        return CommandResult.Ok();
    }

    /// <summary>The rule for one string: <see cref="RejectCode.None"/>, <see cref="RejectCode.TextTooLong"/> or <see cref="RejectCode.InvalidText"/>.</summary>
    public static RejectCode Check(string? text, int maxLength, TextKind kind)
    {
        if (text is null) return RejectCode.None;
        if (text.Length > maxLength) return RejectCode.TextTooLong;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < '\u0020' || c is >= '\u007F' and <= '\u009F')
            {
                if (kind == TextKind.MultiLine && c is '\n' or '\r') continue;
                return RejectCode.InvalidText;
            }
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069') return RejectCode.InvalidText;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return RejectCode.InvalidText;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return RejectCode.InvalidText;
        }
        return RejectCode.None;
    }

    private static TextField Line<T>(string name, int maxLength, Func<T, string?> get) where T : Command =>
        new(typeof(T), name, maxLength, TextKind.Line, c => get((T)c), null);

    private static TextField Memo<T>(string name, int maxLength, Func<T, string?> get) where T : Command =>
        new(typeof(T), name, maxLength, TextKind.MultiLine, c => get((T)c), null);
}
