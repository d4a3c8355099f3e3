using Comments.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder.Configuration, builder.ExecutionContext.IsPublishMode);

var api = builder.AddProject<Projects.Api>("api")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// The database: an existing server (ConnectionStrings:comments given to the AppHost), else a PostgreSQL
// container with a data volume, else (no containers) the api's embedded SQLite file.
if (settings.UseExistingDatabase)
{
    api.WithReference(builder.AddConnectionString(AppHostSettings.ConnectionName));
}
else if (settings.UseContainers)
{
    var server = builder.AddPostgres("postgres")
        .WithDataVolume("comments-postgres-data"); // named: the generated name hashes the checkout path
    var database = server.AddDatabase(AppHostSettings.ConnectionName);
    api.WithReference(database).WaitFor(database);
    builder.AddKubernetes(api, server);
}

if (settings.UseContainers)
{
    builder.AddObservability(api);
}
else
{
    Console.Error.WriteLine(
        $"warning: no containers ({settings.WhyNoContainers}). Starting the api with the Aspire dashboard only" +
        (settings.UseExistingDatabase ? "" : " on its embedded SQLite database") +
        "; PostgreSQL, Jaeger, Prometheus and Grafana are left out. " +
        $"Set {AppHostSettings.ContainersKey}=true to start them anyway.");
}

builder.Build().Run();
