namespace Comments.Publisher.Expressions;

/// <summary>
/// A workload's binding that another resource's value refers to (for network policies): <see cref="Binding"/> is the
/// binding that serves it, <see cref="Asked"/> the one the manifest named (they differ for a left-out https binding);
/// <see cref="NamesHost"/> whether the value holds the resource's host name (url, host, hostAndPort), not just a port.
/// </summary>
public sealed record EndpointReference(string Resource, string Binding, string Asked, bool NamesHost = true);
