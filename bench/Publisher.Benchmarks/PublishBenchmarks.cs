using BenchmarkDotNet.Attributes;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;

namespace Comments.Publisher.Benchmarks;

/// <summary>
/// Converting a 500-resource manifest. Baseline: reading the manifest JSON alone; the full conversion (resolve,
/// build objects, serialize YAML, fill secrets) is reported as a ratio to it.
/// </summary>
[MemoryDiagnoser]
public class PublishBenchmarks
{
    private string _json = "";
    private AspireManifest _manifest = null!;

    [Params(500)]
    public int Resources { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _json = SyntheticManifest.Create(Resources);
        _manifest = ManifestReader.Parse(_json, "synthetic.json");
    }

    [Benchmark(Baseline = true)]
    public AspireManifest ReadManifest() => ManifestReader.Parse(_json, "synthetic.json");

    [Benchmark]
    public PublishResult Publish() => KubernetesPublisher.Publish(_manifest, new PublisherOptions());

    [Benchmark]
    public PublishResult ReadAndPublish() => KubernetesPublisher.Publish(ManifestReader.Parse(_json, "synthetic.json"), new PublisherOptions());
}
