using Comments.Api.Comments.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Comments.Api.Comments.Storage;

public static class StorageRegistration
{
    public const string ConnectionName = "comments";

    /// <summary>Checks that take longer than this count as failed, so probes answer quickly when the database hangs.</summary>
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// PostgreSQL through Aspire's Npgsql client integration when <c>ConnectionStrings:comments</c> is set
    /// (health check, tracing and metrics come with it); otherwise the embedded SQLite file.
    /// </summary>
    public static IHostApplicationBuilder AddCommentStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName))
            // Explicit rules rather than data annotations, which native AOT cannot validate.
            .Validate(o => !string.IsNullOrWhiteSpace(o.SqlitePath), "Database:SqlitePath must not be empty.")
            .Validate(o => o.Timeout >= TimeSpan.FromMilliseconds(100) && o.Timeout <= TimeSpan.FromMinutes(5), "Database:Timeout must be between 00:00:00.1 and 00:05:00.")
            .Validate(o => o.AttemptTimeout >= TimeSpan.FromMilliseconds(50) && o.AttemptTimeout <= o.Timeout, "Database:AttemptTimeout must be at least 50 ms and at most Database:Timeout.")
            .Validate(o => o.MaxRetries is >= 0 and <= 10, "Database:MaxRetries must be between 0 and 10.")
            .ValidateOnStart();

        if (builder.Configuration.GetConnectionString(ConnectionName) is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
        {
            builder.AddNpgsqlDataSource(ConnectionName, configureDataSourceBuilder: dataSource =>
            {
                // The store keeps no session state, so the DISCARD ALL round trip on every return to the pool buys
                // nothing, and its few statements are worth preparing: the database path's largest win
                // (docs/performance.md). An explicit setting in the connection string wins.
                var settings = dataSource.ConnectionStringBuilder;
                if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
                {
                    settings.NoResetOnClose = true;
                }

                if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
                {
                    settings.MaxAutoPrepare = 20;
                }

                // With several hosts (Target Session Attributes=primary), Npgsql remembers which one is the primary for
                // Host Recheck Seconds (10 by default): after a failover the promoted standby would be passed over that long.
                if (settings.Host?.Contains(',', StringComparison.Ordinal) == true
                    && !connectionString.Contains("Host Recheck Seconds", StringComparison.OrdinalIgnoreCase))
                {
                    settings.HostRecheckSeconds = 1;
                }
            });
            services.AddSingleton<PostgresCommentStore>();
            services.AddSingleton<ICommentStore>(sp =>
                new ResilientCommentStore(sp.GetRequiredService<PostgresCommentStore>(), sp.GetRequiredService<DatabaseCalls>()));
            services.AddHostedService<PostgresChangeListener>();
        }
        else
        {
            services.AddSingleton(sp =>
            {
                var path = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.SqlitePath;
                var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
                return new SqliteCommentStore(Path.GetFullPath(path, root), TimeProvider.System, sp.GetRequiredService<CommentsTelemetry>());
            });
            services.AddSingleton<ICommentStore>(sp =>
            {
                // The embedded file is written by this process only, so its own invalidations are all the cache needs.
                sp.GetRequiredService<ListPageCache>().Activate();
                return new ResilientCommentStore(sp.GetRequiredService<SqliteCommentStore>(), sp.GetRequiredService<DatabaseCalls>());
            });
            services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite");
        }

        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                registration.Timeout = registration.Timeout == Timeout.InfiniteTimeSpan || registration.Timeout > HealthCheckTimeout
                    ? HealthCheckTimeout
                    : registration.Timeout;
            }
        });

        services.AddDatabaseCalls();
        services.AddHostedService<SchemaWarmup>();
        return builder;
    }

    /// <summary><see cref="DatabaseCalls"/> and the pipeline of its retries.</summary>
    internal static IServiceCollection AddDatabaseCalls(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseCalls>();
        services.AddResiliencePipeline(DatabaseCalls.RetryPipelineName, static (pipeline, context) =>
        {
            // DatabaseCalls makes the first attempt and bounds the whole call by Database:Timeout; these are the rest.
            var options = context.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (options.MaxRetries > 1)
            {
                pipeline.AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(DatabaseCalls.IsTransient),
                    MaxRetryAttempts = options.MaxRetries - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = TimeSpan.FromSeconds(1),
                    UseJitter = true,
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });

        return services;
    }
}
