using System.Diagnostics;
using Comments.Api.Comments.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Comments.Api.Tests.Storage;

/// <summary>Timeouts and retries of database calls: the first attempt outside the pipeline, the rest through it.</summary>
public sealed class DatabaseCallsTests
{
    private int _attempts;

    private static DatabaseCalls Create(int maxRetries = 3, int attemptMs = 200, int totalMs = 3000)
    {
        var services = new ServiceCollection();
        services.AddOptions<DatabaseOptions>().Configure(o =>
        {
            o.MaxRetries = maxRetries;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(attemptMs);
            o.Timeout = TimeSpan.FromMilliseconds(totalMs);
        });
        services.AddDatabaseCalls();
        return services.BuildServiceProvider().GetRequiredService<DatabaseCalls>();
    }

    private static NpgsqlException Transient() => new("connection lost", new IOException("reset by peer"));

    [Fact]
    public async Task A_transient_failure_of_the_first_attempt_is_retried()
    {
        var result = await Create().RunAsync((_, _) => ++_attempts == 1 ? throw Transient() : ValueTask.FromResult(42), 0, CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(2, _attempts);
    }

    [Fact]
    public async Task A_first_attempt_that_hangs_is_abandoned_after_the_attempt_timeout_and_retried()
    {
        var result = await Create(attemptMs: 200).RunAsync(
            async (_, token) =>
            {
                if (++_attempts == 1)
                {
                    await Task.Delay(Timeout.Infinite, token);
                }

                return 42;
            },
            0,
            CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(2, _attempts);
    }

    [Fact]
    public async Task Transient_failures_are_retried_max_retries_times_then_reported_as_unavailable()
    {
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            Create(maxRetries: 3).RunAsync<int, int>((_, _) => { _attempts++; throw Transient(); }, 0, CancellationToken.None));

        Assert.Equal(4, _attempts);
    }

    [Fact]
    public async Task With_no_retries_a_transient_failure_is_reported_at_once()
    {
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            Create(maxRetries: 0).RunAsync<int, int>((_, _) => { _attempts++; throw Transient(); }, 0, CancellationToken.None));

        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task A_failure_that_is_not_transient_is_not_retried()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Create().RunAsync<int, int>((_, _) => { _attempts++; throw new InvalidOperationException("bug"); }, 0, CancellationToken.None));

        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task A_database_that_never_answers_is_reported_as_unavailable_within_the_total_timeout()
    {
        var calls = Create(maxRetries: 10, attemptMs: 200, totalMs: 1000);
        var elapsed = Stopwatch.StartNew();

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => calls.RunAsync<int, int>(
            async (_, token) =>
            {
                Interlocked.Increment(ref _attempts);
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            0,
            CancellationToken.None));

        // Bounded by Database:Timeout (1 s), not by ten retries of 200 ms each plus their backoff. How many attempts fit
        // depends on how late a loaded machine fires the timers (one, when the first attempt's timeout fires after the
        // total's); never more than the total allows.
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
        Assert.InRange(_attempts, 1, 5);
    }

    [Fact]
    public async Task A_cancelled_caller_gets_its_cancellation_not_a_database_error()
    {
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create(attemptMs: 2000).RunAsync(
            async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            0,
            caller.Token));
    }
}
