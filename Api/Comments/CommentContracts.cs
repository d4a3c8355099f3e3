using System.ComponentModel;
using System.Text.Json;

namespace Comments.Api.Comments;

/// <summary>Body of <c>POST /api/comment/new</c>. Documents the wire format; the handler parses the raw JSON itself.</summary>
/// <param name="Email">Author's email address (at most 254 characters). Stored, returned in lists, never logged.</param>
/// <param name="Comment">Comment text: not blank, at most 4000 characters.</param>
/// <param name="ContentId">Story the comment belongs to: a non-negative integer or a string of 1-64 letters, digits, '.', '_' or '-'.</param>
public sealed record NewCommentRequest(
    [property: Description("Author's email address (at most 254 characters).")] string Email,
    [property: Description("Comment text: not blank, at most 4000 characters.")] string Comment,
    [property: Description("Story id: a non-negative integer, or a string of 1-64 letters, digits, '.', '_' or '-'.")] JsonElement ContentId);

/// <summary>A stored comment as lists return it.</summary>
public sealed record CommentView(
    [property: Description("Server-assigned id; increases in posting order.")] long Id,
    string Email,
    string Comment,
    [property: Description("When the comment was stored (UTC, ISO 8601).")] DateTimeOffset CreatedAt);

/// <summary>Answer of <c>POST /api/comment/new</c>: the original API's status and message, plus the stored comment.</summary>
public sealed record CommentCreated(
    [property: Description("Always SUCCESS.")] string Status,
    string Message,
    [property: Description("Story id as stored (JSON numbers become their decimal string).")] string ContentId,
    CommentView Comment);

/// <summary>The original API's status document, used for its 404 answer.</summary>
public sealed record StatusMessage(
    [property: Description("NOT-FOUND when the story has no comments.")] string Status,
    string Message);

/// <summary>Answer of <c>GET /</c>.</summary>
public sealed record ServiceStatus(string Status, string Service, string Storage, string Docs);
