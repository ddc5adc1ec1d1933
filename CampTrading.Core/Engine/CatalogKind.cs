namespace CampTrading.Core.Engine;

/// <summary>What a <see cref="EventKind.CatalogChanged"/> event is about (its Code); Reference is the item's id.</summary>
public enum CatalogKind : byte
{
    QrCodes = 1,
    Booth = 2,
    ArcadeMachine = 3,
}
