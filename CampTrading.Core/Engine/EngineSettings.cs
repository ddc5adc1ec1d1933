namespace CampTrading.Core.Engine;

/// <summary>Fixed at genesis and kept in snapshots: changing them would change replay.</summary>
public sealed record EngineSettings
{
    public string TimeZoneId { get; init; } = "Asia/Taipei";
}
