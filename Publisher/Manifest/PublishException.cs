namespace Comments.Publisher.Manifest;

/// <summary>Input the publisher cannot turn into Kubernetes objects. The message names the file, resource and field.</summary>
public sealed class PublishException(string message) : Exception(message);
