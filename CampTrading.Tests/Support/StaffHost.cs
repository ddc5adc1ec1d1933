using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Infrastructure.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Support;

/// <summary>The app's identity services (no web server) over a fresh migrated database of the shared test cluster.</summary>
internal sealed class StaffHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AsyncServiceScope _scope;

    private StaffHost(WebApplication app)
    {
        _app = app;
        _scope = app.Services.CreateAsyncScope();
    }

    public static async Task<StaffHost> StartAsync(string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["ConnectionStrings:CampTrading"] = connectionString;
        builder.AddCampDatabase();
        builder.AddIdentityServices();
        builder.AddStaffIdentity();
        var app = builder.Build();
        await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        return new StaffHost(app);
    }

    public IServiceProvider Services => _scope.ServiceProvider;
    public IServiceProvider RootServices => _app.Services;
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }
}
