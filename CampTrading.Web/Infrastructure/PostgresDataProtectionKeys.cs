using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// The data-protection key ring (it signs and encrypts the sign-in cookies and antiforgery tokens) lives in the app's
/// PostgreSQL database, table <c>data_protection_keys</c>: cookies survive a restart, every instance on one database shares
/// the keys, and a backup of the database carries them. The table is created on first use.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    private const string CreateTable =
        "create table if not exists data_protection_keys (friendly_name text primary key, xml text not null, created_at timestamptz not null default now())";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        Execute(connection, CreateTable);
        using var cmd = new NpgsqlCommand("select xml from data_protection_keys order by created_at", connection);
        using var reader = cmd.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = dataSource.OpenConnection();
        Execute(connection, CreateTable);
        using var cmd = new NpgsqlCommand("insert into data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        cmd.ExecuteNonQuery();
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection);
        cmd.ExecuteNonQuery();
    }
}

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>Keeps the key ring in PostgreSQL (<see cref="PostgresXmlRepository"/>) under one application name.</summary>
    public static WebApplicationBuilder AddPersistedDataProtection(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection().SetApplicationName("CampTrading");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));
        return builder;
    }
}
