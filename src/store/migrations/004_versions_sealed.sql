-- Schema 4: a saved version cannot be replaced or deleted by any SQL path.
--
-- REPLACE (and INSERT OR REPLACE, and an UPSERT) removes the row it
-- conflicts with through an implicit delete that fires no DELETE trigger
-- unless recursive triggers are on, so schema 1's triggers let
-- `REPLACE INTO versions …` rewrite version 1. And a version of an agreement
-- in the trash could be deleted one by one, then the agreement restored
-- without it. An insert that would land on an existing version is now
-- refused before any conflict handling, and a version is deleted only while
-- its agreement is being purged: the purge marks the agreement in
-- `purging` inside its own transaction and removes the mark before it
-- commits.

CREATE TABLE purging (
    agreement_id  INTEGER PRIMARY KEY REFERENCES agreements(id)
);

CREATE TRIGGER versions_are_never_replaced
BEFORE INSERT ON versions
WHEN EXISTS (
    SELECT 1 FROM versions
    WHERE id = NEW.id OR (agreement_id = NEW.agreement_id AND number = NEW.number)
)
BEGIN
    SELECT RAISE(ABORT, 'a saved version never changes: save a new version instead');
END;

DROP TRIGGER versions_leave_only_by_purge;

CREATE TRIGGER versions_leave_only_by_purge
BEFORE DELETE ON versions
WHEN NOT EXISTS (
    SELECT 1 FROM purging p JOIN agreements a ON a.id = p.agreement_id
    WHERE p.agreement_id = OLD.agreement_id AND a.trashed_at IS NOT NULL
)
BEGIN
    SELECT RAISE(ABORT, 'a saved version is deleted only when its agreement is purged from the trash');
END;

-- With foreign keys off (a raw connection's default), deleting an
-- agreement or changing its id would orphan its versions: an agreement
-- with versions keeps its row and its id.
CREATE TRIGGER agreements_keep_their_versions
BEFORE DELETE ON agreements
WHEN EXISTS (SELECT 1 FROM versions WHERE agreement_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'an agreement is deleted only by purging it from the trash');
END;

CREATE TRIGGER agreements_keep_their_id
BEFORE UPDATE OF id ON agreements
WHEN NEW.id IS NOT OLD.id
BEGIN
    SELECT RAISE(ABORT, 'an agreement keeps its id');
END;

-- REPLACE INTO agreements would delete the row holding the same name or id
-- without a trigger, and with it the link from its versions.
CREATE TRIGGER agreements_are_never_replaced
BEFORE INSERT ON agreements
WHEN EXISTS (SELECT 1 FROM agreements WHERE id = NEW.id OR name = NEW.name)
BEGIN
    SELECT RAISE(ABORT, 'an agreement with this name already exists');
END;
