-- Schema 3: the simulation scenario of each agreement (its workload, work,
-- staffing and dispatch, without the agreement itself), edited in the app.
-- One text per agreement, replaced on every edit like a draft, not
-- versioned: a run records the scenario it used in simulation_runs.

CREATE TABLE scenarios (
    agreement_id  INTEGER PRIMARY KEY REFERENCES agreements(id),
    text          TEXT NOT NULL,
    saved_at      TEXT NOT NULL
);
