-- Schema 2: what was computed or exported from which version, so that any
-- figure or PDF traces back to the exact agreement text it came from.

CREATE TABLE simulation_runs (
    id            INTEGER PRIMARY KEY,
    version_id    INTEGER NOT NULL REFERENCES versions(id),
    scenario      TEXT NOT NULL,
    -- The master seed, a u64 written in decimal (SQLite integers are signed).
    seed          TEXT NOT NULL,
    replications  INTEGER NOT NULL CHECK (replications >= 0),
    -- The results as JSON, as the simulation gives them.
    results       TEXT NOT NULL CHECK (json_valid(results)),
    recorded_at   TEXT NOT NULL
);

CREATE INDEX simulation_runs_by_version ON simulation_runs(version_id);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    version_id    INTEGER NOT NULL REFERENCES versions(id),
    -- What was exported, e.g. `contract-pdf`, `comparison-pdf`, `figure-svg`.
    kind          TEXT NOT NULL,
    -- SHA-256 of the exported bytes, lower-case hex.
    fingerprint   TEXT NOT NULL CHECK (length(fingerprint) = 64),
    -- The export options (template, language, edition…) as JSON.
    options       TEXT NOT NULL CHECK (json_valid(options)),
    recorded_at   TEXT NOT NULL
);

CREATE INDEX documents_by_version ON documents(version_id);
CREATE INDEX documents_by_fingerprint ON documents(fingerprint);
