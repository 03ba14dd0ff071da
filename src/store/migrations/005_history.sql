-- Schema 5: ticket histories imported from helpdesk exports (issue 13).
--
-- A history is a named set of tickets. A ticket is keyed by its history
-- and the helpdesk's id, so importing the same file again, or a later
-- export that overlaps it, updates tickets instead of adding them twice.
-- Times are Unix seconds (UTC). Each value a contract is measured by is
-- kept as the agreement names it (after the mapping's value map) and as
-- the file wrote it (`*_raw`), so a mapping can be changed and checked
-- later without the file.

CREATE TABLE histories (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

-- One row per file imported into a history (the ticket export and its
-- status-change log each have theirs), written in the import's own
-- transaction: a stopped or failed import leaves no row.
CREATE TABLE history_imports (
    id              INTEGER PRIMARY KEY,
    history_id      INTEGER NOT NULL REFERENCES histories(id),
    kind            TEXT NOT NULL CHECK (kind IN ('tickets', 'status-log')),
    file_name       TEXT NOT NULL,
    -- SHA-256 of the file's bytes, lower-case hex.
    fingerprint     TEXT NOT NULL CHECK (length(fingerprint) = 64),
    format          TEXT NOT NULL,
    encoding        TEXT NOT NULL,
    time_zone       TEXT NOT NULL,
    rows_read       INTEGER NOT NULL CHECK (rows_read >= 0),
    rows_imported   INTEGER NOT NULL CHECK (rows_imported >= 0),
    rows_updated    INTEGER NOT NULL CHECK (rows_updated >= 0),
    rows_unchanged  INTEGER NOT NULL CHECK (rows_unchanged >= 0),
    rows_rejected   INTEGER NOT NULL CHECK (rows_rejected >= 0),
    -- The statuses taken as waiting on the customer (a JSON list), for a log.
    pause_statuses  TEXT NOT NULL CHECK (json_valid(pause_statuses)),
    imported_at     TEXT NOT NULL
);

CREATE INDEX history_imports_by_fingerprint ON history_imports(history_id, fingerprint);

CREATE TABLE history_tickets (
    id              INTEGER PRIMARY KEY,
    history_id      INTEGER NOT NULL REFERENCES histories(id),
    -- The helpdesk's id of the ticket.
    ticket          TEXT NOT NULL,
    created         INTEGER NOT NULL,
    first_response  INTEGER CHECK (first_response >= created),
    resolved        INTEGER CHECK (resolved >= created),
    priority        TEXT,
    priority_raw    TEXT,
    plan            TEXT,
    plan_raw        TEXT,
    channel         TEXT,
    channel_raw     TEXT,
    assigned_group  TEXT,
    group_raw       TEXT,
    status          TEXT,
    status_raw      TEXT,
    kind            TEXT,
    kind_raw        TEXT,
    -- The import that last wrote the ticket.
    import_id       INTEGER NOT NULL REFERENCES history_imports(id),
    UNIQUE (history_id, ticket)
);

CREATE INDEX history_tickets_by_created ON history_tickets(history_id, created);

-- Status changes from a status-change log, as the file wrote them.
CREATE TABLE history_status_changes (
    ticket_id    INTEGER NOT NULL REFERENCES history_tickets(id),
    at           INTEGER NOT NULL,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    PRIMARY KEY (ticket_id, at, to_status)
) WITHOUT ROWID;

-- The periods a ticket waited on the customer, derived from its status
-- changes: from a change to a pause status until the next change. `ended`
-- is NULL while the last status is still a pause one.
CREATE TABLE history_pauses (
    ticket_id  INTEGER NOT NULL REFERENCES history_tickets(id),
    started    INTEGER NOT NULL,
    ended      INTEGER CHECK (ended >= started),
    status     TEXT NOT NULL,
    PRIMARY KEY (ticket_id, started)
) WITHOUT ROWID;
