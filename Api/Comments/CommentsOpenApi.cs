using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Comments.Api.Comments;

/// <summary>Examples and schema details of the comments endpoints for the OpenAPI document and its Scalar reference.</summary>
internal static class CommentsOpenApi
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    public static Task DescribeCreate(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody is { } body)
        {
            AddExample(body.Content, Json, "number", "content_id as a number", """{"email":"alice@example.com","comment":"first post!","content_id":1}""");
            AddExample(body.Content, Json, "string", "content_id as a string", """{"email":"bob@example.com","comment":"I agree","content_id":"story-2026.11"}""");
        }

        AddResponseExample(operation, "200", Json, """
            {"status":"SUCCESS","message":"comment created and associated with content_id 1","content_id":"1",
             "comment":{"id":1,"email":"alice@example.com","comment":"first post!","created_at":"2026-11-28T14:00:00.123456+00:00"}}
            """);
        AddResponseExample(operation, "400", ProblemJson, """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Invalid comment","status":400,
             "detail":"The comment was not stored.","errors":{"email":["email must be a valid address such as reader@example.com."]}}
            """);
        AddResponseExample(operation, "429", ProblemJson, """
            {"type":"https://tools.ietf.org/html/rfc6585#section-4","title":"Too many comments","status":429,
             "detail":"This client has posted too many comments; try again in 42 s."}
            """);
        return Task.CompletedTask;
    }

    public static Task DescribeList(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is not OpenApiParameter editable)
            {
                continue;
            }

            if (parameter.Name == "content_id")
            {
                editable.Example = JsonValue.Create("1");
            }

            if (parameter.Name == "limit")
            {
                editable.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Default = JsonValue.Create(100) };
            }

            editable.Description = parameter.Name switch
            {
                "content_id" => "Story id: 1-64 letters, digits, '.', '_' or '-' (a number posted as JSON is listed by its digits).",
                "limit" => "Page size: 1 to the configured maximum (1000 by default); 100 when absent.",
                "cursor" => "Opaque position of the next page; take it from the `Link` header of the previous page.",
                _ => editable.Description,
            };
        }

        AddResponseExample(operation, "200", Json, """
            [{"id":1,"email":"alice@example.com","comment":"first post!","created_at":"2026-11-28T14:00:00.123456+00:00"},
             {"id":2,"email":"alice@example.com","comment":"ok, now I am gonna say something more useful","created_at":"2026-11-28T14:00:01.654321+00:00"}]
            """);
        AddResponseExample(operation, "404", Json, """{"status":"NOT-FOUND","message":"content_id 3 not found"}""");

        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Link"] = new OpenApiHeader
            {
                Description = "`<...?limit=100&cursor=123>; rel=\"next\"` when more comments follow.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>content_id is a JSON number or a string; email and comment carry their length limits.</summary>
    public static Task DescribeSchemas(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(NewCommentRequest) || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        schema.Properties["content_id"] = new OpenApiSchema
        {
            Description = "Story id: a non-negative integer, or a string of 1-64 letters, digits, '.', '_' or '-'.",
            OneOf =
            [
                new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = CommentRules.MaxContentIdLength, Pattern = "^[A-Za-z0-9._-]+$" },
            ],
        };
        if (schema.Properties["email"] is OpenApiSchema email)
        {
            email.Format = "email";
            email.MaxLength = CommentRules.MaxEmailLength;
        }

        if (schema.Properties["comment"] is OpenApiSchema comment)
        {
            comment.MinLength = 1;
            comment.MaxLength = CommentRules.MaxCommentLength;
        }

        return Task.CompletedTask;
    }

    private static void AddResponseExample(OpenApiOperation operation, string status, string mediaType, string json)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true)
        {
            AddExample(response.Content, mediaType, "example", null, json);
        }
    }

    private static void AddExample(IDictionary<string, OpenApiMediaType>? content, string mediaType, string name, string? summary, string json)
    {
        if (content is null || !content.TryGetValue(mediaType, out var media))
        {
            return;
        }

        media.Examples ??= new Dictionary<string, IOpenApiExample>();
        media.Examples[name] = new OpenApiExample { Summary = summary, Value = JsonNode.Parse(json) };
    }
}
