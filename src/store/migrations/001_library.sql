-- Schema 1: the library of agreements, their immutable versions and drafts.

CREATE TABLE agreements (
    id          INTEGER PRIMARY KEY,
    -- The name people and the command line use; also the exported file's stem.
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    -- Set when the agreement is in the trash; NULL while it is live.
    trashed_at  TEXT
);

CREATE TABLE versions (
    id            INTEGER PRIMARY KEY,
    agreement_id  INTEGER NOT NULL REFERENCES agreements(id),
    -- 1, 2, 3… per agreement, in the order they were saved.
    number        INTEGER NOT NULL CHECK (number >= 1),
    -- The canonical YAML text, as pledge::format::write gives it.
    yaml          TEXT NOT NULL,
    -- SHA-256 of the canonical YAML, lower-case hex.
    fingerprint   TEXT NOT NULL CHECK (length(fingerprint) = 64),
    author        TEXT NOT NULL,
    message       TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    UNIQUE (agreement_id, number)
);

CREATE INDEX versions_by_fingerprint ON versions(fingerprint);

-- A saved version never changes: edits make new versions.
CREATE TRIGGER versions_are_immutable
BEFORE UPDATE ON versions
BEGIN
    SELECT RAISE(ABORT, 'a saved version never changes: save a new version instead');
END;

-- Versions go away only when their agreement is purged from the trash.
CREATE TRIGGER versions_leave_only_by_purge
BEFORE DELETE ON versions
WHEN (SELECT trashed_at FROM agreements WHERE id = OLD.agreement_id) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'a saved version is deleted only when its agreement is purged from the trash');
END;

-- The autosaved text of the editor, one per agreement. It is raw text, not
-- canonical YAML, because what the user is typing need not parse yet.
CREATE TABLE drafts (
    agreement_id  INTEGER PRIMARY KEY REFERENCES agreements(id),
    text          TEXT NOT NULL,
    -- The version number the draft was started from, if any.
    base_number   INTEGER,
    saved_at      TEXT NOT NULL
);
