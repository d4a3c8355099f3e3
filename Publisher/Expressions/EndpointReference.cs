namespace Comments.Publisher.Expressions;

/// <summary>
/// A workload's binding that another resource's value refers to (for network policies): <see cref="Binding"/> is the
/// binding that serves it, <see cref="Asked"/> the one the manifest named (they differ for a left-out https binding).
/// </summary>
public sealed record EndpointReference(string Resource, string Binding, string Asked);
