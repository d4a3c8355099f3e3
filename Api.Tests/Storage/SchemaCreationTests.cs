using Comments.Api.Comments.Storage;
using Npgsql;

namespace Comments.Api.Tests.Storage;

/// <summary>Schema creation is idempotent and safe when several replicas start at the same moment.</summary>
public sealed class SchemaCreationTests
{
    private const int Replicas = 8;

    [SkippableFact]
    public async Task Replicas_creating_the_postgres_schema_at_once_all_succeed_and_can_write()
    {
        var connectionString = await SharedPostgres.CreateDatabaseAsync("schema");
        var dataSources = Enumerable.Range(0, Replicas).Select(_ => NpgsqlDataSource.Create(connectionString)).ToArray();
        var stores = dataSources.Select(d => new PostgresCommentStore(d)).ToArray();
        try
        {
            // Released together; an async gate rather than a Barrier, which would block thread-pool threads.
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var replicas = stores.Select(async store =>
            {
                await go.Task;
                await store.EnsureSchemaAsync(CancellationToken.None);
            }).ToArray();
            go.SetResult();
            await Task.WhenAll(replicas);

            // A fresh process over the existing schema, and a write from every replica.
            await using (var restarted = new PostgresCommentStore(dataSources[0]))
            {
                await restarted.EnsureSchemaAsync(CancellationToken.None);
            }

            foreach (var store in stores)
            {
                await store.AddAsync(new NewComment(Guid.NewGuid(), "schema", "s@example.com", "hello"), CancellationToken.None);
            }

            Assert.Equal(Replicas, (await stores[0].ListAsync("schema", 0, 100, CancellationToken.None)).Count);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Replicas_creating_the_sqlite_schema_at_once_all_succeed()
    {
        var directory = Directory.CreateTempSubdirectory("comments-schema-").FullName;
        var path = Path.Combine(directory, "nested", "comments.db");
        var stores = Enumerable.Range(0, Replicas).Select(_ => new SqliteCommentStore(path, TimeProvider.System)).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(store => Task.Run(() => store.EnsureSchemaAsync(CancellationToken.None))));
            await stores[0].AddAsync(new NewComment(Guid.NewGuid(), "schema", "s@example.com", "hello"), CancellationToken.None);

            Assert.Single(await stores[^1].ListAsync("schema", 0, 100, CancellationToken.None));
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [SkippableFact]
    public async Task A_retried_insert_with_the_same_request_id_stores_one_row()
    {
        var connectionString = await SharedPostgres.CreateDatabaseAsync("idempotent");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var postgres = new PostgresCommentStore(dataSource);
        var directory = Directory.CreateTempSubdirectory("comments-idempotent-").FullName;
        using var sqlite = new SqliteCommentStore(Path.Combine(directory, "comments.db"), TimeProvider.System);

        foreach (ICommentStore store in new ICommentStore[] { postgres, sqlite })
        {
            var comment = new NewComment(Guid.NewGuid(), "retry", "r@example.com", "once");
            var first = await store.AddAsync(comment, CancellationToken.None);
            var second = await store.AddAsync(comment, CancellationToken.None);
            // A retry next to new comments, likely in one batch: the new ones are stored, the retry finds its row.
            var together = await Task.WhenAll(
                store.AddAsync(new NewComment(Guid.NewGuid(), "retry", "r@example.com", "new 1"), CancellationToken.None),
                store.AddAsync(comment, CancellationToken.None),
                store.AddAsync(new NewComment(Guid.NewGuid(), "retry", "r@example.com", "new 2"), CancellationToken.None));

            Assert.Equal(first.Id, second.Id);
            Assert.Equal(first.Id, together[1].Id);
            Assert.Equal(["once", "new 1", "new 2"], (await store.ListAsync("retry", 0, 100, CancellationToken.None)).Select(c => c.Text));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
