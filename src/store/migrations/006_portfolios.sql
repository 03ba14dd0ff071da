-- Schema 6: portfolios (issue 16 point 6), a named set of the library's
-- agreements simulated together with one scenario: served by shared
-- teams, each with its volume and its own scenario's workload and work.
--
-- What the members share (period, zone, teams with `acts_as` and
-- `members`, dispatch, precedence, currency) is kept as the text the app
-- edits (a portfolio scenario's fields without `name` and `members`, as
-- JSON); each member is a row naming its agreement by the library's id,
-- so an agreement in a portfolio cannot be purged from under it.

CREATE TABLE portfolios (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    shared      TEXT NOT NULL CHECK (json_valid(shared)),
    saved_at    TEXT NOT NULL
);

CREATE TABLE portfolio_members (
    portfolio_id  INTEGER NOT NULL REFERENCES portfolios(id),
    -- The member's place in the portfolio, 0 first.
    position      INTEGER NOT NULL CHECK (position >= 0),
    -- Its identifier in reports, `acts_as` and `precedence`.
    member        TEXT NOT NULL,
    agreement_id  INTEGER NOT NULL REFERENCES agreements(id),
    -- Which of the agreement's scenarios: the one saved for it on the
    -- Simulation screen, or the one it starts with.
    scenario      TEXT NOT NULL CHECK (scenario IN ('saved', 'default')),
    -- The factor on its volume as written (`50%`), NULL for 100%.
    volume        TEXT,
    PRIMARY KEY (portfolio_id, position)
);

CREATE INDEX portfolio_members_by_agreement ON portfolio_members(agreement_id);
