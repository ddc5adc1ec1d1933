using System.Net;
using CampTrading.Tests.Support;

namespace CampTrading.Tests.Infrastructure;

/// <summary>
/// The README runs a real camp with <c>dotnet run -c Release</c> in Production, from the build output. Blazor's script and
/// MudBlazor's files live in the packages there, not in wwwroot: without them the pages load but nothing on them works.
/// </summary>
public sealed class ProductionStaticAssetsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_production_run_from_the_build_output_serves_the_framework_and_component_library_files()
    {
        await using var app = AppProcess.Start(await postgres.CreateDatabaseAsync("prodassets"),
            ("ASPNETCORE_ENVIRONMENT", "Production"), ("DOTNET_ENVIRONMENT", "Production"), ("Exchange__DevSignIn", "false"));
        await app.WaitForHealthAsync("ok", TimeSpan.FromSeconds(90)); // the deadline only ends a hung start

        using var http = app.Client();
        foreach (var path in new[] { "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.js", "/_content/MudBlazor/MudBlazor.min.css", "/js/tickers.js" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && body.Length > 100, $"{path}: {(int)response.StatusCode}\n{app.Output()}");
        }
    }
}
