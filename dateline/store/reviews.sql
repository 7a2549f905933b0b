-- Reviews (schema version 3): what analysts confirmed, corrected or rejected (docs/storage.md, "Reviews").
-- The machine's rows in `events` stay as extracted; `event_view` shows every event as reviewed. Run after schema.sql
-- for a new database and as the migration from version 2.

-- The audit trail: one row per review, never updated or deleted. `changes` lists what this review changed in the
-- event as it stood before it: [{"field": ..., "before": ..., "after": ...}] (contract JSON values).
CREATE SEQUENCE event_reviews_id START 1;
CREATE TABLE event_reviews (
    id BIGINT PRIMARY KEY DEFAULT nextval('event_reviews_id'),
    event_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,           -- confirmed, corrected or rejected
    reviewer VARCHAR NOT NULL,
    note VARCHAR,
    "at" TIMESTAMP NOT NULL,
    changes JSON NOT NULL
);
CREATE INDEX event_reviews_event_id ON event_reviews (event_id);

-- Each reviewed event as reviewed: the columns of `events` (but cluster_id, which stays the machine's) rebuilt from
-- the machine's record with every review applied, plus the latest status and the review summary the API shows
-- ({status, reviewer, at, note, changes: [{field, before, after}]}, before = the machine's value). A migration that
-- adds a column to `events` adds it here too.
CREATE TABLE reviewed_events AS SELECT * EXCLUDE (cluster_id) FROM events WITH NO DATA;
ALTER TABLE reviewed_events ADD COLUMN review_status VARCHAR;
ALTER TABLE reviewed_events ADD COLUMN review JSON;
CREATE UNIQUE INDEX reviewed_events_id ON reviewed_events (id);

-- Every event as reviewed: the machine's row where no review exists, else the reviewed row with the machine's
-- cluster_id. `row_id` is the machine row's rowid (insertion order: a stable tie-breaker for sorting and paging).
CREATE VIEW event_view AS
SELECT e.rowid AS row_id, e.*, NULL::VARCHAR AS review_status, NULL::JSON AS review
FROM events e ANTI JOIN reviewed_events r ON r.id = e.id
UNION ALL BY NAME
SELECT e.rowid AS row_id, r.*, e.cluster_id
FROM reviewed_events r JOIN events e ON e.id = r.id;

