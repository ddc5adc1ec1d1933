namespace CampTrading.Tests.Support;

/// <summary>Finds the repository and sibling projects' build output from the test assembly's location.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>"Debug" or "Release": whatever the tests themselves were built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Executable(string project) =>
        Path.Combine(Root, project, "bin", Configuration, "net10.0", project);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CampTrading.sln"))) return dir.FullName;
        throw new InvalidOperationException($"CampTrading.sln not found above {AppContext.BaseDirectory}");
    }
}
