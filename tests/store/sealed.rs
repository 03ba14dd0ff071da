//! Issue 12, point 6: a saved version stays as it was against every SQL
//! path, tried on a real database file through a raw connection (foreign
//! keys off, as any SQLite tool opens it).

use pledge::store::{Shelf, Store};
use rusqlite::Connection;

use super::{at, fresh, name, sample};

/// A library with two versions of `acme`, and a raw connection to its file.
fn library() -> (tempfile::TempDir, Store, Connection) {
    let (dir, mut store) = fresh();
    let acme = name("acme");
    store.save(&acme, &sample(), "marie", "v1", at(0)).unwrap();
    let mut changed = sample();
    changed.meta.title = format!("{} (revised)", changed.own(&changed.meta.title)).into();
    store.save(&acme, &changed, "paul", "v2", at(1)).unwrap();
    let conn = Connection::open(dir.path().join("pledge.db")).unwrap();
    (dir, store, conn)
}

/// What a version is: number, text, fingerprint, author, message.
fn versions(store: &Store) -> Vec<(u32, String, String, String, String)> {
    let acme = name("acme");
    store
        .log(&acme)
        .unwrap()
        .into_iter()
        .map(|info| {
            let v = store.version(&acme, Some(info.number)).unwrap();
            (
                info.number,
                v.yaml,
                info.fingerprint,
                info.author,
                info.message,
            )
        })
        .collect()
}

/// Runs `sql` on the raw connection, expects SQLite to refuse it with
/// `words` in the message, and checks both versions are as saved.
fn refused(sql: &str, words: &str) {
    let (_dir, store, conn) = library();
    let before = versions(&store);
    assert_eq!(before.len(), 2);
    let err = conn.execute_batch(sql).unwrap_err();
    assert!(err.to_string().contains(words), "{sql}: {err}");
    assert_eq!(versions(&store), before, "{sql} changed a version");
}

const ROW: &str = "(agreement_id, number, yaml, fingerprint, author, message, saved_at)";
const FORGED: &str = "'pledge: 1\n', '0000000000000000000000000000000000000000000000000000000000000000', 'mallory', 'forged', '2026-03-01T09:00:00.000Z'";

#[test]
fn replace_into_versions_is_refused() {
    // issue 12: REPLACE's implicit delete fired no trigger, so version 1
    // was silently rewritten.
    refused(
        &format!(
            "REPLACE INTO versions (id, {} VALUES (1, 1, 1, {FORGED})",
            &ROW[1..]
        ),
        "never changes",
    );
    // The same through the (agreement, number) key with a new row id.
    refused(
        &format!("REPLACE INTO versions {ROW} VALUES (1, 1, {FORGED})"),
        "never changes",
    );
}

#[test]
fn insert_or_replace_into_versions_is_refused() {
    // issue 12: INSERT OR REPLACE is REPLACE under another name.
    refused(
        &format!("INSERT OR REPLACE INTO versions {ROW} VALUES (1, 2, {FORGED})"),
        "never changes",
    );
}

#[test]
fn an_upsert_on_a_version_is_refused() {
    // issue 12: an UPSERT lands on an existing version.
    refused(
        &format!(
            "INSERT INTO versions (id, {} VALUES (1, 1, 1, {FORGED})
             ON CONFLICT (id) DO UPDATE SET yaml = excluded.yaml",
            &ROW[1..]
        ),
        "never changes",
    );
    refused(
        &format!(
            "INSERT INTO versions {ROW} VALUES (1, 1, {FORGED})
             ON CONFLICT (agreement_id, number) DO NOTHING;
             INSERT OR IGNORE INTO versions {ROW} VALUES (1, 2, {FORGED})"
        ),
        "never changes",
    );
}

#[test]
fn update_and_update_or_replace_are_refused() {
    refused("UPDATE versions SET yaml = 'pledge: 1\n'", "never changes");
    // issue 12: UPDATE OR REPLACE would delete the version it collides with.
    refused(
        "UPDATE OR REPLACE versions SET number = 1 WHERE number = 2",
        "never changes",
    );
}

#[test]
fn a_version_of_a_trashed_agreement_cannot_be_deleted_then_restored_without_it() {
    // issue 12: trash, delete one version, restore: a live agreement had
    // lost a version.
    let (_dir, mut store, conn) = library();
    let acme = name("acme");
    let before = versions(&store);
    store.trash(&acme, at(2)).unwrap();
    let err = conn
        .execute("DELETE FROM versions WHERE number = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("purged"), "{err}");
    store.restore(&acme).unwrap();
    assert_eq!(versions(&store), before);
}

#[test]
fn an_agreement_with_versions_keeps_its_row_even_with_foreign_keys_off() {
    // issue 12: with foreign keys off, deleting, renumbering or replacing
    // the agreement's row would orphan its versions.
    refused("DELETE FROM agreements", "purging it from the trash");
    refused("UPDATE agreements SET id = 7", "keeps its id");
    refused(
        "REPLACE INTO agreements (name, created_at) VALUES ('acme', '2026-03-01T09:00:00.000Z')",
        "already exists",
    );
}

#[test]
fn a_purge_still_deletes_everything_and_leaves_no_mark() {
    let (_dir, mut store, conn) = library();
    let acme = name("acme");
    store.trash(&acme, at(2)).unwrap();
    store.purge(&acme).unwrap();
    assert!(store.list(Shelf::Trash).unwrap().is_empty());
    let count = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        (count("versions"), count("agreements"), count("purging")),
        (0, 0, 0)
    );
    // The name is free again for a new agreement.
    store
        .save(&acme, &sample(), "marie", "again", at(3))
        .unwrap();
    assert_eq!(store.log(&acme).unwrap().len(), 1);
}

#[test]
fn a_library_of_every_earlier_schema_is_sealed_once_upgraded() {
    // issue 12: the triggers come with a new migration, so libraries saved
    // before it get them on their first open.
    for version in 1..pledge::store::SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pledge.db");
        std::fs::copy(
            super::fixtures().join(format!("schema-v{version}.db")),
            &path,
        )
        .unwrap();
        let store = Store::open(&path).unwrap();
        let before = store.version(&name("acme-premium"), Some(1)).unwrap();
        let conn = Connection::open(&path).unwrap();
        let err = conn
            .execute_batch(&format!(
                "REPLACE INTO versions (id, {} VALUES (1, 1, 1, {FORGED})",
                &ROW[1..]
            ))
            .unwrap_err();
        assert!(
            err.to_string().contains("never changes"),
            "v{version}: {err}"
        );
        assert_eq!(
            store.version(&name("acme-premium"), Some(1)).unwrap(),
            before
        );
    }
}
