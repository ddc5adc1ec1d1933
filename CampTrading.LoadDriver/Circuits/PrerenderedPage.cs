using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CampTrading.LoadDriver.Circuits;

/// <summary>
/// What blazor.web.js reads from a prerendered page to start its circuit: the interactive root components' markers
/// (<c>&lt;!--Blazor:{"type":"server",…,"descriptor":…}--&gt;</c>) and the persisted component state.
/// </summary>
internal sealed partial record PrerenderedPage(IReadOnlyList<JsonObject> Markers, string ApplicationState)
{
    public static PrerenderedPage Parse(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match m in Marker().Matches(html))
            if (JsonNode.Parse(m.Groups[1].Value) is JsonObject marker && (string?)marker["type"] == "server") markers.Add(marker);
        var state = State().Match(html);
        return new PrerenderedPage(markers, state.Success ? state.Groups[1].Value : "");
    }

    /// <summary>The argument of the hub's UpdateRootComponents: one "add" operation per marker, as the browser sends it.</summary>
    public string AddOperations()
    {
        var operations = new JsonArray();
        for (var i = 0; i < Markers.Count; i++)
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = Markers[i].DeepClone() });
        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString(JsonSerializerOptions.Default);
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex State();
}
