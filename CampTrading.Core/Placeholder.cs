namespace CampTrading.Core;
internal static class AssemblyMarker;
