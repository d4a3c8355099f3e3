namespace Comments.Api.Comments.Storage;

/// <summary>The database could not serve the request within its time bound; answered with 503.</summary>
public sealed class DatabaseUnavailableException(Exception innerException)
    : Exception("The comments database is unavailable.", innerException);
