using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Comments.Api.Tests.Infrastructure;

/// <summary>The API hosted in-process with the given configuration settings (keys as in appsettings, e.g. "Database:SqlitePath").</summary>
public sealed class ApiFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Settings for a store: PostgreSQL when a connection string is given, else a SQLite file in <paramref name="sqliteDirectory"/>.</summary>
    public static Dictionary<string, string?> StoreSettings(string? postgresConnectionString, string? sqliteDirectory = null) =>
        postgresConnectionString is not null
            ? new() { ["ConnectionStrings:comments"] = postgresConnectionString }
            : new() { ["Database:SqlitePath"] = Path.Combine(sqliteDirectory ?? TestDirectories.Create("comments-sqlite-"), "comments.db") };

    private bool _onKestrel;

    /// <summary>Serves the API on real Kestrel at a free loopback port (for browsers and raw HTTP), and returns its address.</summary>
    public Uri StartOnKestrel()
    {
        // The port goes in through the app's own "urls" setting: UseKestrel(port) sets it after the app has started
        // to build, which races with Kestrel's start under minimal hosting (dotnet/aspnetcore#67714).
        _onKestrel = true;
        UseKestrel();
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        if (_onKestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }
}
