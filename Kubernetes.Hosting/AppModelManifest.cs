using System.Reflection;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;

namespace AspireK8s.Hosting;

/// <summary>
/// The app model as Aspire writes it into aspire-manifest.json, in memory: the same serialization the manifest route
/// reads, so both front doors see one description of the resources.
/// </summary>
internal static class AppModelManifest
{
    // ManifestPublishingContext writes single resources publicly; the whole model only through WriteModel, which
    // Aspire.Hosting 13.6 keeps internal.
    private static readonly MethodInfo? WriteModel = typeof(ManifestPublishingContext).GetMethod(
        "WriteModel", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(DistributedApplicationModel), typeof(CancellationToken)]);

    public static async Task<string> WriteAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext execution, string manifestPath, CancellationToken cancellationToken)
    {
        if (WriteModel is null)
        {
            throw new InvalidOperationException(
                $"This Aspire.Hosting ({typeof(ManifestPublishingContext).Assembly.GetName().Version}) has no ManifestPublishingContext.WriteModel: " +
                "use the Aspire.Hosting version this library is built for (13.6), or publish through the manifest (aspire do publish-manifest, then aspire-k8s).");
        }

        using var stream = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var context = new ManifestPublishingContext(execution, manifestPath, writer, cancellationToken);
            await ((Task)WriteModel.Invoke(context, [model, cancellationToken])!).ConfigureAwait(false);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
