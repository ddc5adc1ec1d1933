using System.Text;
using CampTrading.Core.Engine;
using CampTrading.Tests.Support;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using CampTrading.Web.Staff.Checklist;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.StaffConsole;

public sealed class SetupFactsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    /// <summary>The dashboard and the checklist once counted the Development sign-in's accounts as students; the students page never did.</summary>
    [Fact]
    public async Task Students_are_the_rosters_and_not_the_development_sign_ins_accounts()
    {
        await using var factory = new CampAppFactory(await postgres.CreateDatabaseAsync("setupfacts"));
        using var client = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        Assert.True((await services.GetRequiredService<ExchangeService>().SubmitAsync(new OpenAccount("Visitor One"))).IsOk); // as the Development sign-in opens one
        var imported = await services.GetRequiredService<RosterImporter>()
            .ApplyAsync(Encoding.UTF8.GetBytes("id,name,team\nS001,Wang Xiaoming,Red\nS002,Lin Mei,Blue\n"), "test");
        Assert.Equal(2, imported.Created);

        var facts = await services.GetRequiredService<SetupFactsReader>().ReadAsync();

        Assert.Equal(2, facts.Students);
        Assert.Equal(2, facts.StudentsAtZero);
    }
}
