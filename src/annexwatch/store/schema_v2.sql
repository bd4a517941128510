-- annexwatch schema version 2: the knowledge layer (derived, rebuildable).
--
-- Everything here is computed from the extraction tables by annexwatch.knowledge and can
-- be thrown away and recomputed (`annexwatch rebuild`). Ingest keeps it current
-- incrementally: events.merge_key is NULL until the knowledge layer has placed the event
-- in a merged event, and a merged event that loses a mention (its document was replaced)
-- is marked stale by a trigger, so a refresh recomputes exactly the groups that changed.

-- The group an event can merge within: type | source | target | parties | modality.
ALTER TABLE events ADD COLUMN merge_key TEXT;
CREATE INDEX events_merge_key ON events(merge_key);
CREATE INDEX events_unmerged ON events(id) WHERE merge_key IS NULL;

CREATE TABLE merged_events (
    id             INTEGER PRIMARY KEY,
    merge_key      TEXT NOT NULL,
    type           TEXT NOT NULL,
    source         TEXT,
    target         TEXT,
    parties        TEXT,                              -- JSON list for symmetric types
    modality       TEXT NOT NULL,
    agreement      TEXT,
    date_start     TEXT,
    date_end       TEXT,
    date_precision TEXT,
    date_conflict  TEXT,                              -- JSON: each source's date, when they disagree
    persons        TEXT NOT NULL DEFAULT '[]',
    mention_count  INTEGER NOT NULL,
    document_count INTEGER NOT NULL,
    stale          INTEGER NOT NULL DEFAULT 0,
    CHECK ((date_start IS NULL) = (date_end IS NULL))
);
CREATE INDEX merged_events_key ON merged_events(merge_key);
CREATE INDEX merged_events_date ON merged_events(date_start, date_end);
CREATE INDEX merged_events_stale ON merged_events(id) WHERE stale = 1;

-- Which extracted event is a mention of which merged event, and why it joined.
CREATE TABLE merged_event_mentions (
    event_id  INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    merged_id INTEGER NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    reason    TEXT NOT NULL,
    date_agrees INTEGER NOT NULL CHECK (date_agrees IN (0, 1))
);
CREATE INDEX merged_event_mentions_merged ON merged_event_mentions(merged_id);

CREATE TABLE merged_event_actors (
    merged_id INTEGER NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    actor     TEXT NOT NULL COLLATE NOCASE,
    role      TEXT NOT NULL CHECK (role IN ('source', 'target', 'party')),
    PRIMARY KEY (actor, merged_id, role)
) WITHOUT ROWID;
CREATE INDEX merged_event_actors_merged ON merged_event_actors(merged_id);

-- A document replaced or deleted takes its events with it (cascade): the merged events
-- they belonged to must be recomputed.
CREATE TRIGGER merged_event_mentions_ad AFTER DELETE ON merged_event_mentions BEGIN
    UPDATE merged_events SET stale = 1 WHERE id = old.merged_id;
END;

-- When an indicator's evidence holds: the date of a matching event in the same sentence,
-- else the latest day its document can have been published.
CREATE TABLE indicator_dates (
    indicator_id INTEGER PRIMARY KEY REFERENCES indicators(id) ON DELETE CASCADE,
    effective    TEXT,                                -- ISO day, NULL when nothing dates it
    dated_by     TEXT NOT NULL                        -- 'event #ID (type)' | 'publication' | 'undated'
);
