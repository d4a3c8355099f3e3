namespace Comments.Publisher.Expressions;

/// <summary>A workload's binding that another resource's value refers to (for network policies).</summary>
public sealed record EndpointReference(string Resource, string Binding);
