using CampTrading.Web.Abuse;
using CampTrading.Web.Announcements;
using CampTrading.Web.Arcade;
using CampTrading.Web.Backup;
using CampTrading.Web.Booths;
using CampTrading.Web.Components;
using CampTrading.Web.Components.Localization;
using CampTrading.Web.Components.Theme;
using CampTrading.Web.Development;
using CampTrading.Web.Exchange;
using CampTrading.Web.Feeds;
using CampTrading.Web.Health;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Students;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Infrastructure;
using CampTrading.Web.Infrastructure.Metrics;
using CampTrading.Web.Infrastructure.Postgres;
using CampTrading.Web.Leaderboards;
using CampTrading.Web.LiveMarket;
using CampTrading.Web.MarketMaker;
using CampTrading.Web.Notifications;
using CampTrading.Web.Qr;
using CampTrading.Web.Roster;
using CampTrading.Web.Staff.Checklist;
using CampTrading.Web.Staff.Console;
using CampTrading.Web.Staff.Records;
using CampTrading.Web.Telegram;
using CampTrading.Web.Telegram.Hosting;
using CampTrading.Web.TradingApi;

StartupRefusal.SayInPlainWords(); // a port taken by another program: one plain line and exit code 1, not a stack trace
if (CommandLineHelp.IsAsked(args))
{
    CommandLineHelp.Print(Console.Out);
    return;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddReverseProxySupport();
builder.AddCampDatabase();
builder.AddPersistedDataProtection();
builder.AddDevConveniences();
builder.AddExchangeServices();
builder.AddStudentLimits();
builder.AddConnectionLimits(); // per client address, and totals that fit the file descriptor limit (Abuse/ConnectionLimits)
builder.AddCircuitLimits(); // live pages per account (Abuse/CircuitLimits)
builder.AddPointsServices();
builder.AddQrServices();
builder.AddBoothServices();
builder.AddArcadeServices();
builder.AddTradingApiServices();
builder.AddStandingsServices();
builder.AddDuelServices();
builder.AddMarketMakerServices(); // the house market maker (MarketMaker/)
builder.AddFeedServices(); // prices of feed instruments into the engine (Feeds/)
builder.AddNotificationServices();
builder.AddAnnouncementServices();
builder.AddIdentityServices();
builder.AddRosterServices();
builder.AddCampSetupServices(); // the public address and the first-day checklist (Staff/PublicAddress, Staff/Checklist)
builder.AddStudentSignIn();
builder.AddStaffIdentity();
builder.AddUiServices();
builder.AddLiveMarketServices(); // the shared market drawn once per frame for every phone (LiveMarket/)
builder.AddCampLocalization();
builder.AddStaffConsoleServices();
builder.AddRecordsServices();
builder.AddBackupServices();
builder.AddTelegramBot();
builder.AddCampMetrics();

var app = builder.Build();

if (await OneShotCommands.TryRunAsync(app, args)) return; // `-- admin …`, `-- backup …`, `-- restore …`
if (await StartupChecks.RefuseToStartAsync(app)) return; // a wrong setting: said in plain words, exit code 1

app.UseHeadAsGet(); // HEAD answered as GET, without the body (uptime monitors)
app.UseRouting();
app.UseReverseProxySupport();
app.UseSecurityHeaders(); // CSP, nosniff, frame-ancestors, referrer policy; HSTS on HTTPS requests
app.UseExchangeUnavailableResponses();
app.UseActionSource();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseRequestLocalization();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseStatusPagesForPageVisitsOnly();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapStaticAssets();
app.MapHealthEndpoints();
app.MapCampMetrics();
app.MapCultureEndpoint();
app.MapThemeEndpoint();
app.MapIdentityEndpoints();
app.MapStudentSignInEndpoints();
app.MapDevelopmentEndpoints();
app.MapStaffEndpoints();
app.MapRecordsEndpoints();
app.MapBackupEndpoints();
app.MapArcade();
app.MapTradingApi();
app.MapLiveMarket();
app.MapTelegramWebhook();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

public partial class Program;
