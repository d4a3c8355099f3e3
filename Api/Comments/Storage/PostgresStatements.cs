namespace Comments.Api.Comments.Storage;

/// <summary>The SQL of PostgresCommentStore; bench/DurableBaseline links this file to run the same insert.</summary>
internal static class PostgresStatements
{
    /// <summary>The notification channel the change trigger sends on and PostgresChangeListener listens to.</summary>
    public const string ChangeChannel = "comments_changed";

    // The advisory lock key is "comments" in ASCII; any constant works as long as every replica uses the same.
    public const string CreateSchema = $$"""
        SELECT pg_advisory_xact_lock(7165065848790348915);
        CREATE TABLE IF NOT EXISTS comments (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            request_id  uuid NOT NULL UNIQUE,
            content_id  varchar(64) NOT NULL,
            email       varchar(254) NOT NULL,
            comment     text NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT statement_timestamp()
        );
        CREATE INDEX IF NOT EXISTS ix_comments_content_id_id ON comments (content_id, id);

        -- Every statement that changes comments tells the replicas' list caches which stories changed, in one
        -- notification delivered at commit (see PostgresChangeListener): their ids joined by commas, or "*" for all
        -- of them (TRUNCATE, a payload too long, or an id with a comma, which only SQL run by hand can store).
        CREATE OR REPLACE FUNCTION comments_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            changed text[];
        BEGIN
            IF TG_OP = 'INSERT' THEN
                SELECT array_agg(DISTINCT content_id) INTO changed FROM new_rows;
            ELSIF TG_OP = 'DELETE' THEN
                SELECT array_agg(DISTINCT content_id) INTO changed FROM old_rows;
            ELSIF TG_OP = 'UPDATE' THEN
                SELECT array_agg(DISTINCT content_id) INTO changed FROM (SELECT content_id FROM old_rows UNION SELECT content_id FROM new_rows) c;
            END IF;
            IF TG_OP = 'TRUNCATE' OR length(array_to_string(changed, ',')) > 7000
                OR EXISTS (SELECT 1 FROM unnest(changed) id WHERE id LIKE '%,%' OR id = '*') THEN
                PERFORM pg_notify('{{ChangeChannel}}', '*');
            ELSIF changed IS NOT NULL THEN
                PERFORM pg_notify('{{ChangeChannel}}', array_to_string(changed, ','));
            END IF;
            RETURN NULL;
        END $$;
        CREATE OR REPLACE TRIGGER comments_inserted AFTER INSERT ON comments
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION comments_notify_changed();
        CREATE OR REPLACE TRIGGER comments_deleted AFTER DELETE ON comments
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION comments_notify_changed();
        CREATE OR REPLACE TRIGGER comments_updated AFTER UPDATE ON comments
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION comments_notify_changed();
        CREATE OR REPLACE TRIGGER comments_truncated AFTER TRUNCATE ON comments
            FOR EACH STATEMENT EXECUTE FUNCTION comments_notify_changed();
        """;

    // A batch of comments in one statement (one commit). Rows keep the batch's order, so ids follow posting order.
    // A comment that an earlier attempt of the same request committed is not inserted again (FindEarlier finds it).
    public const string InsertBatch = """
        INSERT INTO comments (request_id, content_id, email, comment)
        SELECT request_id, content_id, email, comment
        FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::text[]) WITH ORDINALITY AS t(request_id, content_id, email, comment, position)
        ORDER BY position
        ON CONFLICT (request_id) DO NOTHING
        RETURNING request_id, id, created_at
        """;

    public const string FindEarlier = "SELECT request_id, id, created_at FROM comments WHERE request_id = ANY($1)";

    // The pages of a batch of list calls, in one round trip: each call's rows are tagged with its position.
    public const string ListBatch = """
        SELECT k.position, c.id, c.email, c.comment, c.created_at
        FROM unnest($1::varchar[], $2::bigint[], $3::int[]) WITH ORDINALITY AS k(content_id, after_id, page_limit, position)
        CROSS JOIN LATERAL (
            SELECT id, email, comment, created_at FROM comments
            WHERE content_id = k.content_id AND id > k.after_id
            ORDER BY id
            LIMIT k.page_limit) c
        ORDER BY k.position, c.id
        """;
}
