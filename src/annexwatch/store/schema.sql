-- annexwatch knowledge base, schema version 1.
--
-- Applied by migrations.py inside one transaction, one statement at a time (so no
-- BEGIN/COMMIT here). Conventions:
--   * every table below documents hangs off documents(id) with ON DELETE CASCADE, so
--     re-ingesting a changed article is "delete the document row, insert again";
--   * dates are ISO text 'YYYY-MM-DD' (they sort and compare as text) split into
--     *_start / *_end / *_precision, the three parts of a DateInterval;
--   * JSON columns hold lists/objects as JSON text (Datasette renders them);
--   * "start"/"end" are character offsets [start, end) into documents.text; "end" is
--     quoted everywhere because it is an SQL keyword;
--   * every foreign-key child column is indexed, or cascade deletes scan whole tables.

CREATE TABLE documents (
    id                  INTEGER PRIMARY KEY,
    path                TEXT NOT NULL UNIQUE,          -- identity: the resolved path it was read from
    name                TEXT NOT NULL,                 -- the file name: the spec's `document` field
    format              TEXT NOT NULL,
    title               TEXT,
    url                 TEXT,
    source              TEXT,
    language            TEXT,
    published_start     TEXT,
    published_end       TEXT,
    published_precision TEXT,
    published_cues      TEXT NOT NULL DEFAULT '[]',    -- JSON list
    metadata            TEXT NOT NULL DEFAULT '{}',    -- JSON object: every front-matter/sidecar field
    content_hash        TEXT NOT NULL,                 -- sha256 of the raw file bytes
    text                TEXT NOT NULL,                 -- the cleaned text every offset points into
    extractor_version   TEXT NOT NULL,
    ingested_at         TEXT NOT NULL,
    CHECK ((published_start IS NULL) = (published_end IS NULL))
);
CREATE INDEX documents_name ON documents(name);

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,                  -- the rowid sentences_fts points at
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,                     -- position in the document
    start       INTEGER NOT NULL CHECK (typeof(start) = 'integer' AND start >= 0),
    "end"       INTEGER NOT NULL CHECK (typeof("end") = 'integer' AND "end" >= start),
    text        TEXT NOT NULL,
    UNIQUE (document_id, idx)
);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER REFERENCES sentences(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL CHECK (typeof(start) = 'integer' AND start >= 0),
    "end"       INTEGER NOT NULL CHECK (typeof("end") = 'integer' AND "end" >= start),
    text        TEXT NOT NULL,
    actor       TEXT NOT NULL,
    person      TEXT,
    wikidata    TEXT,
    kind        TEXT NOT NULL DEFAULT 'name'
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_sentence ON mentions(sentence_id);
CREATE INDEX mentions_actor ON mentions(actor);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type           TEXT NOT NULL,
    source         TEXT,                              -- directed events: who acts
    target         TEXT,
    parties        TEXT,                              -- symmetric events: JSON list; NULL for directed
    date_start     TEXT,
    date_end       TEXT,
    date_precision TEXT,
    date_text      TEXT,
    date_conflict  TEXT,
    modality       TEXT NOT NULL,
    plover         TEXT,
    cameo          TEXT,
    persons        TEXT NOT NULL DEFAULT '[]',        -- JSON list
    agreement      TEXT,
    rule           TEXT NOT NULL DEFAULT '',
    CHECK ((date_start IS NULL) = (date_end IS NULL))
);
CREATE INDEX events_document ON events(document_id);
-- the timeline: dated events in order, optionally of some types
CREATE INDEX events_date ON events(date_start, date_end);
CREATE INDEX events_type_date ON events(type, date_start);

-- Every actor code an event involves, whatever its role, so `timeline --actor XSO` is an
-- index lookup instead of a scan of source/target/JSON parties. NOCASE: 'xso' finds XSO.
CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor    TEXT NOT NULL COLLATE NOCASE,
    role     TEXT NOT NULL CHECK (role IN ('source', 'target', 'party')),
    PRIMARY KEY (actor, event_id, role)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_id);

CREATE TABLE claims (
    id               INTEGER PRIMARY KEY,
    document_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    subject          TEXT NOT NULL,
    attribute        TEXT NOT NULL,
    value            REAL,                            -- a single figure, or
    low              REAL,                            -- a range [low, high]
    high             REAL,
    unit             TEXT NOT NULL DEFAULT '',
    currency         TEXT,
    qualifier        TEXT NOT NULL DEFAULT '',
    as_of_start      TEXT,
    as_of_end        TEXT,
    as_of_precision  TEXT,
    about            TEXT,
    rule             TEXT NOT NULL DEFAULT '',
    CHECK ((as_of_start IS NULL) = (as_of_end IS NULL))
);
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX claims_subject ON claims(subject, attribute);

CREATE TABLE quotes (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker     TEXT,
    actor       TEXT,
    text        TEXT NOT NULL,
    direct      INTEGER NOT NULL CHECK (direct IN (0, 1)),
    rule        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_actor ON quotes(actor);

CREATE TABLE indicators (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    territory   TEXT NOT NULL,
    patron      TEXT NOT NULL,
    dimension   TEXT NOT NULL,
    level       TEXT NOT NULL,
    rule        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX indicators_document ON indicators(document_id);
CREATE INDEX indicators_pair ON indicators(territory, patron, dimension);

-- The spans each event/claim/quote/indicator cites, in the order the extractor gave them
-- (ascending id). record_id points into the table named by record_kind, which SQLite
-- cannot express as a foreign key: the document cascade removes spans with their
-- records, and the triggers below clean up if a record is deleted on its own.
CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    record_kind TEXT NOT NULL CHECK (record_kind IN ('event', 'claim', 'quote', 'indicator')),
    record_id   INTEGER NOT NULL,
    start       INTEGER NOT NULL CHECK (typeof(start) = 'integer' AND start >= 0),
    "end"       INTEGER NOT NULL CHECK (typeof("end") = 'integer' AND "end" >= start),
    text        TEXT NOT NULL,
    sentence_id INTEGER REFERENCES sentences(id) ON DELETE SET NULL
);
CREATE INDEX evidence_record ON evidence(record_kind, record_id);
CREATE INDEX evidence_document ON evidence(document_id);
CREATE INDEX evidence_sentence ON evidence(sentence_id);

CREATE TRIGGER events_evidence_ad AFTER DELETE ON events BEGIN
    DELETE FROM evidence WHERE record_kind = 'event' AND record_id = old.id;
END;
CREATE TRIGGER claims_evidence_ad AFTER DELETE ON claims BEGIN
    DELETE FROM evidence WHERE record_kind = 'claim' AND record_id = old.id;
END;
CREATE TRIGGER quotes_evidence_ad AFTER DELETE ON quotes BEGIN
    DELETE FROM evidence WHERE record_kind = 'quote' AND record_id = old.id;
END;
CREATE TRIGGER indicators_evidence_ad AFTER DELETE ON indicators BEGIN
    DELETE FROM evidence WHERE record_kind = 'indicator' AND record_id = old.id;
END;

-- Full-text search over sentences. External content (the text lives once, in sentences);
-- content="sentences" is written with double quotes because that is the form Datasette
-- detects (?_search= is silently ignored otherwise). Triggers keep the index in sync,
-- including the cascade deletes when a document is replaced.
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text,
    content="sentences",
    content_rowid="id",
    tokenize="unicode61 remove_diacritics 2"
);
CREATE TRIGGER sentences_fts_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_fts_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER sentences_fts_au AFTER UPDATE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
