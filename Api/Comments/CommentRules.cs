using System.Buffers;
using System.Text;

namespace Comments.Api.Comments;

/// <summary>The validation rules of the comments API. Each method returns null when the value is valid, else the error message.</summary>
public static class CommentRules
{
    public const int MaxEmailLength = 254;
    public const int MaxCommentLength = 4000;
    public const int MaxContentIdLength = 64;

    private const int MaxLocalPartLength = 64;
    private const int MaxDomainLabelLength = 63;

    public static string? CheckContentId(string contentId)
    {
        if (contentId.Length is 0 or > MaxContentIdLength)
        {
            return $"content_id must be 1-{MaxContentIdLength} characters long.";
        }

        foreach (var c in contentId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return "content_id may contain only letters, digits, '.', '_' and '-'.";
            }
        }

        return null;
    }

    /// <summary>A JSON number is accepted as a content_id when it is a plain non-negative integer (no sign, fraction or exponent).</summary>
    public static string? CheckNumericContentId(ReadOnlySpan<char> rawNumber)
    {
        if (rawNumber.Length is 0 or > MaxContentIdLength || rawNumber.ContainsAnyExceptInRange('0', '9'))
        {
            return $"content_id as a number must be a non-negative integer of at most {MaxContentIdLength} digits.";
        }

        return null;
    }

    public static string? CheckComment(string comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return "comment must not be blank.";
        }

        var length = 0;
        for (var rest = comment.AsSpan(); !rest.IsEmpty; length++)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                return "comment must be valid Unicode text (no unpaired surrogates).";
            }

            if (Rune.IsControl(rune) && rune.Value is not ('\t' or '\n' or '\r'))
            {
                return "comment must not contain control characters other than tab, line feed and carriage return.";
            }

            rest = rest[consumed..];
        }

        if (length > MaxCommentLength)
        {
            return $"comment must be at most {MaxCommentLength} characters long (got {length}).";
        }

        return null;
    }

    /// <summary>
    /// Syntax check for an ASCII address <c>local@domain</c>: dot-atom local part (at most 64 characters)
    /// and a domain of at least two DNS labels. Quoted local parts and IP-literal domains are refused on purpose.
    /// </summary>
    public static string? CheckEmail(string email)
    {
        const string invalid = "email must be a valid address such as reader@example.com.";

        if (email.Length > MaxEmailLength)
        {
            return $"email must be at most {MaxEmailLength} characters long.";
        }

        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1)
        {
            return invalid;
        }

        var local = email.AsSpan(0, at);
        var domain = email.AsSpan(at + 1);
        return IsDotAtom(local) && local.Length <= MaxLocalPartLength && IsHostName(domain) ? null : invalid;
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || "!#$%&'*+/=?^_`{|}~-".Contains(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostName(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > MaxDomainLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }

            labels++;
        }

        return labels >= 2;
    }
}
