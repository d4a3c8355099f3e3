using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Comments.Api.Comments;

/// <summary>A new comment whose fields passed every rule.</summary>
public sealed record ValidComment(string Email, string Comment, string ContentId)
{
    public override string ToString() => $"ValidComment {{ ContentId = {ContentId} }}";
}

/// <summary>Either a valid comment or the problem to answer with.</summary>
public readonly record struct ReadOutcome(ValidComment? Comment, ProblemHttpResult? Problem, ValidationProblem? Invalid);

/// <summary>
/// Reads and validates the body of <c>POST /api/comment/new</c> by hand rather than through model binding,
/// so that every kind of bad input (media type, size, syntax, types, rules) gets its own precise problem details.
/// </summary>
public static class NewCommentReader
{
    private const string EmailField = "email";
    private const string CommentField = "comment";
    private const string ContentIdField = "content_id";
    private const string BodyField = "body";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static async Task<ReadOutcome> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the comment as a JSON object with Content-Type: application/json.");
        }

        if (request.ContentLength > maxBodyBytes)
        {
            return TooLarge(maxBodyBytes);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBodyBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBodyBytes)
                {
                    return TooLarge(maxBodyBytes);
                }
            }

            return Parse(buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static ReadOutcome Parse(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid(new() { [BodyField] = ["The body must be a JSON object with email, comment and content_id."] });
            }

            return Validate(document.RootElement);
        }
    }

    private static ReadOutcome Validate(JsonElement body)
    {
        string? email = null, comment = null, contentId = null;
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not (EmailField or CommentField or ContentIdField))
            {
                continue; // Like the original API, unknown fields are ignored.
            }

            if (!seen.Add(property.Name))
            {
                errors[property.Name] = [$"{property.Name} is given more than once."];
                continue;
            }

            switch (property.Name)
            {
                case EmailField:
                    email = ReadString(property, errors, CommentRules.CheckEmail);
                    break;
                case CommentField:
                    comment = ReadString(property, errors, CommentRules.CheckComment);
                    break;
                default:
                    contentId = ReadContentId(property, errors);
                    break;
            }
        }

        foreach (var field in (ReadOnlySpan<string>)[EmailField, CommentField, ContentIdField])
        {
            if (!seen.Contains(field))
            {
                errors[field] = [$"{field} is required."];
            }
        }

        return errors.Count > 0 || email is null || comment is null || contentId is null
            ? Invalid(errors)
            : new ReadOutcome(new ValidComment(email, comment, contentId), null, null);
    }

    private static string? ReadString(JsonProperty property, Dictionary<string, string[]> errors, Func<string, string?> rule)
    {
        if (property.Value.ValueKind != JsonValueKind.String)
        {
            errors[property.Name] = [$"{property.Name} must be a string."];
            return null;
        }

        if (!TryGetText(property.Value, out var value))
        {
            errors[property.Name] = [$"{property.Name} must be valid UTF-8 text."];
            return null;
        }

        if (rule(value) is { } error)
        {
            errors[property.Name] = [error];
            return null;
        }

        return value;
    }

    private static string? ReadContentId(JsonProperty property, Dictionary<string, string[]> errors)
    {
        string? value = null;
        string? error;
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.Number:
                value = property.Value.GetRawText();
                error = CommentRules.CheckNumericContentId(value);
                break;
            case JsonValueKind.String:
                error = TryGetText(property.Value, out var text)
                    ? CommentRules.CheckContentId(text)
                    : "content_id must be valid UTF-8 text.";
                value = text;
                break;
            default:
                error = "content_id must be a string or a non-negative integer.";
                break;
        }

        if (error is not null)
        {
            errors[ContentIdField] = [error];
            return null;
        }

        return value;
    }

    private static bool TryGetText(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or an unpaired surrogate escape such as "\ud800".
            text = string.Empty;
            return false;
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var isJson = mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = mediaType.Charset;
        return isJson && (!charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    private static ReadOutcome TooLarge(int maxBodyBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body must be at most {maxBodyBytes} bytes.");

    private static ReadOutcome Problem(int status, string title, string detail) =>
        new(null, TypedResults.Problem(detail: detail, statusCode: status, title: title), null);

    private static ReadOutcome Invalid(Dictionary<string, string[]> errors) =>
        new(null, null, TypedResults.ValidationProblem(errors, detail: "The comment was not stored.", title: "Invalid comment"));
}
