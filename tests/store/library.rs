//! Versions, drafts, trash, simulation runs and documents.

use pledge::model::Percent;
use pledge::store::{fingerprint, ExportedDocument, Shelf, SimulationRun, Store, StoreError};
use rusqlite::Connection;

use super::{at, fresh, name, sample};

#[test]
fn save_records_canonical_yaml_fingerprint_author_message_and_time() {
    let (_dir, mut store) = fresh();
    let acme = name("acme");
    let saved = store
        .save(&acme, &sample(), "marie", "First draft for legal", at(0))
        .unwrap();
    assert!(saved.created);
    assert_eq!(saved.version.number, 1);
    let v = store.version(&acme, None).unwrap();
    assert_eq!(v.yaml, pledge::format::write(&sample()));
    assert_eq!(v.info.fingerprint, fingerprint(v.yaml.as_bytes()));
    assert_eq!(v.info.fingerprint.len(), 64);
    assert_eq!(
        (v.info.author.as_str(), v.info.message.as_str()),
        ("marie", "First draft for legal")
    );
    assert_eq!(v.info.saved_at, at(0));
    assert_eq!(v.agreement().unwrap(), sample());
}

#[test]
fn saving_the_same_text_again_adds_no_version_and_a_change_adds_one() {
    let (_dir, mut store) = fresh();
    let acme = name("acme");
    store.save(&acme, &sample(), "marie", "v1", at(0)).unwrap();
    let again = store
        .save(&acme, &sample(), "marie", "again", at(1))
        .unwrap();
    assert!(!again.created);
    assert_eq!(again.version.number, 1);
    let mut changed = sample();
    changed.targets[0].objective = Percent::new(97.0);
    let second = store
        .save(&acme, &changed, "paul", "Stricter P1", at(2))
        .unwrap();
    assert_eq!((second.created, second.version.number), (true, 2));
    let log = store.log(&acme).unwrap();
    assert_eq!(log.iter().map(|v| v.number).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(
        store.version(&acme, Some(1)).unwrap().agreement().unwrap(),
        sample()
    );
    assert_eq!(
        store.version(&acme, None).unwrap().agreement().unwrap(),
        changed
    );
    assert!(matches!(
        store.version(&acme, Some(3)),
        Err(StoreError::VersionNotFound { number: 3, .. })
    ));
}

#[test]
fn the_database_refuses_to_update_or_delete_a_saved_version() {
    let (dir, mut store) = fresh();
    store
        .save(&name("acme"), &sample(), "marie", "v1", at(0))
        .unwrap();
    let conn = Connection::open(dir.path().join("pledge.db")).unwrap();
    let update = conn
        .execute("UPDATE versions SET message = 'rewritten'", [])
        .unwrap_err();
    assert!(update.to_string().contains("never changes"), "{update}");
    let delete = conn.execute("DELETE FROM versions", []).unwrap_err();
    assert!(delete.to_string().contains("purged"), "{delete}");
    assert_eq!(
        store.version(&name("acme"), None).unwrap().info.message,
        "v1"
    );
}

#[test]
fn a_draft_is_kept_apart_from_versions_and_replaced_by_the_next_autosave() {
    let (dir, mut store) = fresh();
    let acme = name("acme");
    store.save(&acme, &sample(), "marie", "v1", at(0)).unwrap();
    store
        .save_draft(&acme, "pledge: 1\nmeta: {title: half", Some(1), at(1))
        .unwrap();
    store
        .save_draft(&acme, "pledge: 1\nmeta: {title: half-typed", Some(1), at(2))
        .unwrap();
    drop(store);
    // A new process finds the draft as it was autosaved.
    let store = Store::open(&dir.path().join("pledge.db")).unwrap();
    let draft = store.draft(&acme).unwrap().unwrap();
    assert_eq!(draft.text, "pledge: 1\nmeta: {title: half-typed");
    assert_eq!((draft.base, draft.saved_at), (Some(1), at(2)));
    assert_eq!(store.log(&acme).unwrap().len(), 1);
    let listed = store.list(Shelf::Live).unwrap();
    assert!(listed[0].has_draft);
}

#[test]
fn a_new_agreement_can_have_a_draft_before_any_version() {
    let (_dir, mut store) = fresh();
    let new = name("new-client");
    store.save_draft(&new, "pledge: 1\n", None, at(0)).unwrap();
    assert!(matches!(
        store.version(&new, None),
        Err(StoreError::NoVersion { .. })
    ));
    let listed = store.list(Shelf::Live).unwrap();
    assert_eq!((listed[0].versions, listed[0].latest.is_none()), (0, true));
    store.discard_draft(&new).unwrap();
    assert_eq!(store.draft(&new).unwrap(), None);
}

#[test]
fn trash_restore_and_purge() {
    let (_dir, mut store) = fresh();
    let acme = name("acme");
    store.save(&acme, &sample(), "marie", "v1", at(0)).unwrap();
    store.record_run(&acme, 1, &run(), at(1)).unwrap();
    assert!(matches!(
        store.purge(&acme),
        Err(StoreError::NotInTrash { .. })
    ));
    store.trash(&acme, at(2)).unwrap();
    assert!(store.list(Shelf::Live).unwrap().is_empty());
    let trashed = store.list(Shelf::Trash).unwrap();
    assert_eq!(
        (trashed[0].name.as_str(), trashed[0].trashed_at),
        ("acme", Some(at(2)))
    );
    // Saving into an agreement in the trash is refused rather than silently
    // reviving it.
    assert!(matches!(
        store.save(&acme, &sample(), "m", "x", at(3)),
        Err(StoreError::InTrash { .. })
    ));
    store.restore(&acme).unwrap();
    assert_eq!(store.list(Shelf::Live).unwrap().len(), 1);
    assert_eq!(store.log(&acme).unwrap().len(), 1);
    store.trash(&acme, at(4)).unwrap();
    store.purge(&acme).unwrap();
    assert!(store.list(Shelf::Trash).unwrap().is_empty());
    assert!(matches!(store.log(&acme), Err(StoreError::NotFound { .. })));
}

fn run() -> SimulationRun {
    SimulationRun {
        scenario: "Monday peak".into(),
        seed: u64::MAX,
        replications: 200,
        results: serde_json::json!({"P1": {"compliance": 0.97}}),
    }
}

#[test]
fn simulation_runs_and_documents_trace_to_their_version() {
    let (_dir, mut store) = fresh();
    let acme = name("acme");
    store.save(&acme, &sample(), "marie", "v1", at(0)).unwrap();
    let mut changed = sample();
    changed.meta.version_label = "1.1".into();
    store.save(&acme, &changed, "marie", "v2", at(1)).unwrap();
    store.record_run(&acme, 1, &run(), at(2)).unwrap();
    let pdf = b"%PDF-1.7 pretend";
    let doc = ExportedDocument {
        kind: "contract-pdf".into(),
        fingerprint: fingerprint(pdf),
        options: serde_json::json!({"language": "en", "edition": "client"}),
    };
    store.record_document(&acme, 2, &doc, at(3)).unwrap();
    let runs = store.runs(&acme).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(
        (runs[0].version.number, &runs[0].run, runs[0].recorded_at),
        (1, &run(), at(2))
    );
    let traced = store.trace_document(&fingerprint(pdf)).unwrap();
    assert_eq!(traced.len(), 1);
    assert_eq!(
        (
            traced[0].version.agreement.as_str(),
            traced[0].version.number
        ),
        ("acme", 2)
    );
    assert_eq!(traced[0].document, doc);
    assert_eq!(store.documents(&acme).unwrap().len(), 1);
    assert!(matches!(
        store.record_run(&acme, 9, &run(), at(4)),
        Err(StoreError::VersionNotFound { .. })
    ));
}

#[test]
fn agreement_names_must_be_safe_file_names() {
    for bad in ["", "../etc", ".hidden", "-flag", "a b", "a/b", "é"] {
        assert!(
            bad.parse::<pledge::store::AgreementName>().is_err(),
            "{bad:?} was accepted"
        );
    }
    for good in ["acme", "acme-premium_2026.v2", "A1"] {
        assert!(
            good.parse::<pledge::store::AgreementName>().is_ok(),
            "{good:?} was refused"
        );
    }
}

#[test]
fn the_default_data_dir_follows_xdg() {
    use pledge::store::default_data_dir;
    use std::path::Path;
    let home = Path::new("/home/ana");
    assert_eq!(
        default_data_dir(Some(Path::new("/data")), Some(home)).unwrap(),
        Path::new("/data/pledge")
    );
    assert_eq!(
        default_data_dir(None, Some(home)).unwrap(),
        Path::new("/home/ana/.local/share/pledge")
    );
    // A relative XDG_DATA_HOME is invalid and ignored, as the spec says.
    assert_eq!(
        default_data_dir(Some(Path::new("rel")), Some(home)).unwrap(),
        Path::new("/home/ana/.local/share/pledge")
    );
    assert_eq!(default_data_dir(None, None), None);
}

#[test]
fn a_writer_held_up_too_long_gets_a_clear_busy_error_and_changes_nothing() {
    let (dir, mut store) = fresh();
    let acme = name("acme");
    store.save(&acme, &sample(), "marie", "v1", at(0)).unwrap();
    let other = Connection::open(dir.path().join("pledge.db")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    store
        .set_busy_timeout(std::time::Duration::from_millis(200))
        .unwrap();
    let mut changed = sample();
    changed.meta.version_label = "2.0".into();
    let err = store
        .save(&acme, &changed, "marie", "v2", at(1))
        .unwrap_err();
    assert!(err.is_busy(), "{err:?}");
    assert!(
        err.to_string().contains("busy") && err.to_string().contains("try again"),
        "{err}"
    );
    // Reading still works while the other process writes.
    assert_eq!(store.log(&acme).unwrap().len(), 1);
    other.execute_batch("COMMIT").unwrap();
    assert_eq!(
        store
            .save(&acme, &changed, "marie", "v2", at(1))
            .unwrap()
            .version
            .number,
        2
    );
}

#[test]
fn sub_millisecond_times_come_back_as_saved() {
    let (_dir, mut store) = fresh();
    let precise = at(0) + chrono::Duration::nanoseconds(123_456_789);
    let saved = store
        .save(&name("acme"), &sample(), "m", "v1", precise)
        .unwrap();
    assert_eq!(store.log(&name("acme")).unwrap()[0], saved.version);
}

#[test]
fn the_same_agreement_in_an_older_canonical_layout_is_not_a_new_version() {
    // A version written by an earlier Pledge whose writer laid the YAML out
    // differently: same agreement, other bytes.
    let (dir, mut store) = fresh();
    let acme = name("acme");
    store.save(&acme, &sample(), "marie", "v1", at(0)).unwrap();
    let conn = Connection::open(dir.path().join("pledge.db")).unwrap();
    let older =
        pledge::format::write(&sample()).replace("version_label: \"1.0\"", "version_label: '1.0'");
    assert_ne!(older, pledge::format::write(&sample()));
    conn.execute(
        "INSERT INTO versions (agreement_id, number, yaml, fingerprint, author, message, saved_at)
         VALUES (1, 2, ?1, ?2, 'old', 'older layout', '2026-03-01T09:01:00.000Z')",
        rusqlite::params![older, fingerprint(older.as_bytes())],
    )
    .unwrap();
    let again = store
        .save(&acme, &sample(), "marie", "same", at(2))
        .unwrap();
    assert!(!again.created);
    assert_eq!(again.version.number, 2);
}

#[test]
fn a_scenario_is_kept_per_agreement_replaced_by_the_next_save_and_purged_with_it() {
    let (_dir, mut store) = fresh();
    let acme = name("acme");
    assert!(matches!(
        store.scenario(&acme),
        Err(StoreError::NotFound { .. })
    ));
    store
        .save(&acme, &sample(), "marie", "First", at(0))
        .unwrap();
    assert_eq!(store.scenario(&acme).unwrap(), None);
    store
        .save_scenario(&acme, "{\"name\": \"first\"}", at(1))
        .unwrap();
    store
        .save_scenario(&acme, "{\"name\": \"second\"}", at(2))
        .unwrap();
    assert_eq!(
        store.scenario(&acme).unwrap().as_deref(),
        Some("{\"name\": \"second\"}")
    );
    // A scenario is not a version: the log is unchanged.
    assert_eq!(store.log(&acme).unwrap().len(), 1);
    store.trash(&acme, at(3)).unwrap();
    assert!(matches!(
        store.save_scenario(&acme, "{}", at(4)),
        Err(StoreError::InTrash { .. })
    ));
    store.purge(&acme).unwrap();
    assert!(matches!(
        store.scenario(&acme),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn names_are_made_safe() {
    use pledge::store::name_stem;
    assert_eq!(name_stem("SLA 2026/04 — Acme"), "SLA-2026-04-Acme");
    assert_eq!(name_stem("..."), "agreement");
    assert_eq!(name_stem("-x-"), "x");
}

#[test]
fn a_new_agreement_gets_a_name_no_other_has_in_use_or_in_the_trash() {
    let (_dir, mut store) = fresh();
    assert_eq!(store.free_name("SLA 1").unwrap(), name("SLA-1"));
    store
        .save(&name("SLA-1"), &sample(), "ana", "first", at(0))
        .unwrap();
    store
        .save(&name("SLA-1-2"), &sample(), "ana", "second", at(1))
        .unwrap();
    store.trash(&name("SLA-1-2"), at(2)).unwrap();
    assert_eq!(store.free_name("SLA 1").unwrap(), name("SLA-1-3"));
}

#[test]
fn an_agreement_is_traced_to_the_newest_version_with_its_canonical_text() {
    let (_dir, mut store) = fresh();
    let acme = name("acme");
    store.save(&acme, &sample(), "ana", "v1", at(0)).unwrap();
    let mut changed = sample();
    changed.meta.title = "Changed".into();
    assert_eq!(store.version_equal_to(&acme, &sample()).unwrap(), Some(1));
    assert_eq!(store.version_equal_to(&acme, &changed).unwrap(), None);
    store.save(&acme, &changed, "ana", "v2", at(1)).unwrap();
    store.save(&acme, &sample(), "ana", "v3", at(2)).unwrap();
    assert_eq!(store.version_equal_to(&acme, &sample()).unwrap(), Some(3));
}

#[test]
fn a_new_version_with_the_previous_version_label_is_flagged() {
    let (_dir, mut store) = fresh();
    let n = name("acme");
    let mut a = sample();
    let first = store.save(&n, &a, "marie", "first", at(0)).unwrap();
    assert_eq!(first.same_label_as, None);
    // Changed text, same label: both contracts would print one version.
    a.meta.title = format!("{} (revised)", a.own(&a.meta.title)).into();
    let second = store.save(&n, &a, "marie", "title", at(1)).unwrap();
    assert_eq!((second.version.number, second.same_label_as), (2, Some(1)));
    // Saved again unchanged: no new version, nothing to flag.
    let again = store.save(&n, &a, "marie", "again", at(2)).unwrap();
    assert_eq!((again.created, again.same_label_as), (false, None));
    // A new label: clean.
    a.meta.version_label = format!("{}-b", a.meta.version_label);
    a.meta.title = format!("{}!", a.own(&a.meta.title)).into();
    let third = store.save(&n, &a, "marie", "label", at(3)).unwrap();
    assert_eq!((third.version.number, third.same_label_as), (3, None));
}
