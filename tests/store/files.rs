//! Import and export of YAML files.

use std::fs;

use pledge::store::{export_all, import_file, yaml_files_in};

use super::{at, fixtures, fresh};

/// Imports `sources` into a fresh library, exports them all, and checks
/// that nothing was lost.
fn round_trip(sources: &[std::path::PathBuf]) {
    let (_dir, mut store) = fresh();
    let out = tempfile::tempdir().unwrap();
    for file in sources {
        import_file(&mut store, file, None, "test", "import", at(0)).unwrap();
    }
    let written = export_all(&store, out.path()).unwrap();
    assert_eq!(written.len(), sources.len());
    for file in sources {
        let original = fs::read_to_string(file).unwrap();
        let exported = fs::read_to_string(out.path().join(file.file_name().unwrap())).unwrap();
        // The model is the same, whatever the layout of the original…
        assert_eq!(
            pledge::format::read(&exported).unwrap(),
            pledge::format::read(&original).unwrap(),
            "{file:?}"
        );
        // …and a file already in canonical form comes back byte for byte.
        let canonical = pledge::format::write(&pledge::format::read(&original).unwrap());
        assert_eq!(exported, canonical);
        if original == canonical {
            assert_eq!(exported, original);
        }
    }
    // Importing the export again adds no version.
    for file in yaml_files_in(out.path()).unwrap() {
        let again = import_file(&mut store, &file, None, "test", "again", at(1)).unwrap();
        assert!(!again.saved.created, "{file:?}");
        assert_eq!(store.log(&again.saved.version.agreement).unwrap().len(), 1);
    }
}

#[test]
fn import_then_export_of_the_store_fixtures_is_lossless() {
    let sources = yaml_files_in(&fixtures().join("agreements")).unwrap();
    assert!(sources.len() >= 2);
    // One is written by hand (not canonical), one is canonical.
    let canonical = |f: &std::path::PathBuf| {
        let text = fs::read_to_string(f).unwrap();
        pledge::format::write(&pledge::format::read(&text).unwrap()) == text
    };
    assert!(sources.iter().any(canonical) && !sources.iter().all(canonical));
    round_trip(&sources);
}

#[test]
fn import_then_export_of_every_sample_is_lossless() {
    // The project's sample agreements, as they arrive in templates/samples.
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/samples");
    let sources = if samples.is_dir() {
        yaml_files_in(&samples).unwrap()
    } else {
        Vec::new()
    };
    round_trip(&sources);
}

#[test]
fn a_bad_file_is_reported_with_its_place_and_saves_nothing() {
    let (_dir, mut store) = fresh();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.yaml");
    fs::write(&file, "pledge: 1\nmeta: [\n").unwrap();
    let err = import_file(&mut store, &file, None, "t", "m", at(0)).unwrap_err();
    assert!(err.to_string().contains("broken.yaml"), "{err}");
    assert!(store.list(pledge::store::Shelf::Live).unwrap().is_empty());
}

#[test]
fn a_file_larger_than_the_reader_limit_is_refused_without_loading_it() {
    // issue 12: `store import` read a file whole with no limit
    // (`/dev/zero` reached 2 GB in 3 s); it now uses validate's reader.
    let (_dir, mut store) = fresh();
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    let mut text = super::sample_text();
    text.push_str(&"#".repeat(pledge::format::MAX_INPUT_BYTES));
    fs::write(&big, text).unwrap();
    let mut sources = vec![big];
    if std::path::Path::new("/dev/zero").exists() {
        sources.push("/dev/zero".into());
    }
    for file in &sources {
        let err =
            import_file(&mut store, file, Some(&super::name("big")), "t", "m", at(0)).unwrap_err();
        assert!(
            matches!(
                err,
                pledge::store::StoreError::Unreadable(pledge::format::FileError::TooLarge { .. })
            ),
            "{file:?}: {err:?}"
        );
        let message = err.to_string();
        assert!(
            message.contains(&file.display().to_string()) && message.contains("larger than 4 MiB"),
            "{message}"
        );
    }
    assert!(store.list(pledge::store::Shelf::Live).unwrap().is_empty());
}

#[test]
fn an_import_stopped_by_a_busy_database_says_which_files_were_saved_and_which_not() {
    // issue 12: after saving 30 of 60 files, a busy database made the
    // import say "Nothing was changed".
    let (dir, mut store) = fresh();
    let work = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for i in 0..6 {
        let mut a = super::sample();
        a.meta.title = format!("Agreement {i}").into();
        let file = work.path().join(format!("a{i}.yaml"));
        fs::write(&file, pledge::format::write(&a)).unwrap();
        files.push(file);
    }
    store
        .set_busy_timeout(std::time::Duration::from_millis(50))
        .unwrap();
    let db = dir.path().join("pledge.db");
    // Another process takes the write lock once three files are saved.
    let mut other: Option<rusqlite::Connection> = None;
    let mut reported = Vec::new();
    let err = pledge::store::import_files(
        &mut store,
        &files,
        None,
        "t",
        "m",
        || at(0),
        |file, result| {
            assert!(result.is_ok(), "{result:?}");
            reported.push(file.to_owned());
            if reported.len() == 3 {
                let conn = rusqlite::Connection::open(&db).unwrap();
                conn.execute_batch("BEGIN IMMEDIATE").unwrap();
                other = Some(conn);
            }
        },
    )
    .unwrap_err();
    drop(other);
    assert_eq!(reported, files[..3]);
    match &err {
        pledge::store::StoreError::ImportInterrupted {
            imported,
            not_imported,
            ..
        } => {
            assert_eq!(imported, &files[..3]);
            assert_eq!(not_imported, &files[3..]);
        }
        other => panic!("not an interrupted import: {other:?}"),
    }
    let message = err.to_string();
    assert!(!message.contains("Nothing was changed"), "{message}");
    assert!(
        message.contains("3 of 6 file(s) were imported")
            && message.contains("a2.yaml")
            && message.contains("not imported: ")
            && message.contains("a5.yaml"),
        "{message}"
    );
    assert!(err.is_busy());
    // What the message says is what the library holds.
    let saved: Vec<String> = store
        .list(pledge::store::Shelf::Live)
        .unwrap()
        .into_iter()
        .map(|s| s.name.to_string())
        .collect();
    assert_eq!(saved, ["a0", "a1", "a2"]);
}
