namespace Comments.Api.Comments.Storage;

internal static class ServerStarted
{
    /// <summary>
    /// Completes once the host has started and the server listens. Start-up work that no request waits for goes
    /// after it: on a replica with one core it would otherwise run beside the start and delay the first response.
    /// </summary>
    public static Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), started);
        return started.Task.WaitAsync(cancellationToken);
    }
}
