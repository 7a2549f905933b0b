-- dateline's DuckDB schema, version 1 (SCHEMA_VERSION in dateline/store/__init__.py).
-- Every extracted record keeps its full contract JSON in `record` (so exports and the API reproduce it exactly)
-- next to flattened columns for filtering, sorting and aggregation. `seq` keeps each article's list order.
-- Changing this file means bumping SCHEMA_VERSION and adding a migration (see docs/storage.md).

CREATE TABLE schema_version (
    version INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    published VARCHAR,                 -- as given (ISO date); published_date is the same as a DATE when it parses
    published_date DATE,
    dateline VARCHAR,
    source VARCHAR,
    url VARCHAR,
    text VARCHAR NOT NULL,
    origin VARCHAR,
    n_events INTEGER NOT NULL,
    n_quotes INTEGER NOT NULL,
    n_errors INTEGER NOT NULL,
    ingested_at TIMESTAMP NOT NULL,
    -- the event the article is about (story stage), NULL when none; last, where the migration from version 1 adds it
    main_event_id VARCHAR
);

CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    acled_event_type VARCHAR,
    acled_sub_event_type VARCHAR,
    date_value VARCHAR,
    date_precision VARCHAR,
    date_text VARCHAR,
    date_start DATE,                   -- first day covered by date_value at date_precision
    date_end DATE,                     -- last day covered (inclusive)
    lat DOUBLE,
    lon DOUBLE,
    country VARCHAR,
    admin1 VARCHAR,
    location_name VARCHAR,
    location_text VARCHAR,
    location_precision VARCHAR,
    geonameid BIGINT,
    killed_low INTEGER, killed_best INTEGER, killed_high INTEGER,
    injured_low INTEGER, injured_best INTEGER, injured_high INTEGER,
    displaced_low INTEGER, displaced_best INTEGER, displaced_high INTEGER,
    captured_low INTEGER, captured_best INTEGER, captured_high INTEGER,
    negated BOOLEAN NOT NULL,
    hypothetical BOOLEAN NOT NULL,
    future BOOLEAN NOT NULL,
    historical BOOLEAN NOT NULL,
    confidence DOUBLE NOT NULL,
    cluster_id VARCHAR,
    source_ids VARCHAR[] NOT NULL,     -- canonical actor ids (unresolved actors are left out)
    recipient_ids VARCHAR[] NOT NULL,
    source_names VARCHAR[] NOT NULL,   -- canonical name, else the words used
    recipient_names VARCHAR[] NOT NULL,
    evidence_text VARCHAR NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    record JSON NOT NULL
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date_start ON events (date_start);
CREATE INDEX events_cluster_id ON events (cluster_id);
CREATE INDEX events_article_id ON events (article_id);

CREATE TABLE quotes (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue VARCHAR,
    speaker_text VARCHAR,
    speaker_id VARCHAR,
    speaker_name VARCHAR,
    event_id VARCHAR,
    stance VARCHAR,
    record JSON NOT NULL
);
CREATE INDEX quotes_article_id ON quotes (article_id);
CREATE INDEX quotes_speaker_id ON quotes (speaker_id);
CREATE INDEX quotes_event_id ON quotes (event_id);

CREATE TABLE places (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    name VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    country VARCHAR,                   -- ISO 3166 alpha-2
    admin1 VARCHAR,
    geonameid BIGINT,
    feature VARCHAR,
    record JSON NOT NULL
);
CREATE INDEX places_article_id ON places (article_id);

CREATE TABLE times (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    record JSON NOT NULL
);
CREATE INDEX times_article_id ON times (article_id);

-- One row per canonical actor id; aliases are every distinct form seen in the text.
CREATE TABLE actors (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    aliases VARCHAR[] NOT NULL,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL
);

-- The actor as one article resolved it (name/country/sector may differ from the canonical row over time).
CREATE TABLE article_actors (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR
);
CREATE INDEX article_actors_article_id ON article_actors (article_id);

CREATE TABLE actor_mentions (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    actor_seq INTEGER NOT NULL,        -- position of the actor in its article's list
    seq INTEGER NOT NULL,              -- position of the mention in the actor's list
    text VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX actor_mentions_article_id ON actor_mentions (article_id);
CREATE INDEX actor_mentions_actor_id ON actor_mentions (actor_id);

-- Real-world events: reports of the same event merged across articles (casualties reconciled over the reports).
CREATE TABLE clusters (
    id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    acled_event_type VARCHAR,
    acled_sub_event_type VARCHAR,
    date_value VARCHAR,
    date_precision VARCHAR,
    date_start DATE,
    date_end DATE,
    lat DOUBLE,
    lon DOUBLE,
    country VARCHAR,
    admin1 VARCHAR,
    location_name VARCHAR,
    location_precision VARCHAR,
    source_ids VARCHAR[] NOT NULL,
    recipient_ids VARCHAR[] NOT NULL,
    source_names VARCHAR[] NOT NULL,
    recipient_names VARCHAR[] NOT NULL,
    killed_low INTEGER, killed_best INTEGER, killed_high INTEGER,
    injured_low INTEGER, injured_best INTEGER, injured_high INTEGER,
    displaced_low INTEGER, displaced_best INTEGER, displaced_high INTEGER,
    captured_low INTEGER, captured_best INTEGER, captured_high INTEGER,
    n_reports INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,
    event_ids VARCHAR[] NOT NULL,
    article_ids VARCHAR[] NOT NULL,
    record JSON NOT NULL
);
CREATE INDEX clusters_type ON clusters (type);
CREATE INDEX clusters_date_start ON clusters (date_start);

CREATE SEQUENCE item_errors_id START 1;
CREATE TABLE item_errors (
    id BIGINT PRIMARY KEY DEFAULT nextval('item_errors_id'),
    origin VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    error_type VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    article_id VARCHAR,
    stored_article BOOLEAN NOT NULL,   -- true when the error belongs to a stored article (part of its extraction)
    "at" TIMESTAMP NOT NULL
);
CREATE INDEX item_errors_article_id ON item_errors (article_id);
