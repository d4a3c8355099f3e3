using System.Text.Json;
using System.Text.Json.Serialization;

namespace Comments.Api.Comments;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NewCommentRequest))]
[JsonSerializable(typeof(CommentCreated))]
[JsonSerializable(typeof(CommentView[]))]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(ServiceStatus))]
internal sealed partial class CommentsJsonContext : JsonSerializerContext;
