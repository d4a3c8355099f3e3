namespace Comments.Api.Tests.Infrastructure;

/// <summary>
/// Tests that observe the whole process (OpenTelemetry listens to instruments and activity sources process-wide;
/// memory is measured per process) run in this collection, after the parallel ones and one at a time.
/// </summary>
[CollectionDefinition(nameof(RunAlone), DisableParallelization = true)]
public sealed class RunAlone;
