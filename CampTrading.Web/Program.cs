using CampTrading.Web.Arcade;
using CampTrading.Web.Booths;
using CampTrading.Web.Components;
using CampTrading.Web.Exchange;
using CampTrading.Web.Health;
using CampTrading.Web.Identity;
using CampTrading.Web.Infrastructure.Postgres;
using CampTrading.Web.Qr;

var builder = WebApplication.CreateBuilder(args);

builder.AddCampDatabase();
builder.AddExchangeServices();
builder.AddPointsServices();
builder.AddQrServices();
builder.AddBoothServices();
builder.AddArcadeServices();
builder.AddStandingsServices();
builder.AddIdentityServices();
builder.AddUiServices();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthEndpoints();
app.MapIdentityEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

public partial class Program;
