namespace Comments.Api.Comments.Storage;

/// <summary>Creates the schema once per process, on first use, and tries again after a failure.</summary>
internal sealed class SchemaGate(Func<CancellationToken, Task> createSchema) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _ready;

    public ValueTask EnsureAsync(CancellationToken cancellationToken) =>
        _ready ? ValueTask.CompletedTask : new ValueTask(CreateAsync(cancellationToken));

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await createSchema(cancellationToken).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
