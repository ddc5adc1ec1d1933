using System.Security.Cryptography;
using CampTrading.Core.Engine;

namespace CampTrading.Core.Journal;

/// <summary>A fingerprint of the engine's whole state: SHA-256 (hex) of its snapshot in the journal's JSON format.</summary>
public static class EngineStateHash
{
    public static string Of(ExchangeEngine engine) =>
        Convert.ToHexStringLower(SHA256.HashData(CommandSerializer.SerializeSnapshot(engine.CreateSnapshot())));
}
