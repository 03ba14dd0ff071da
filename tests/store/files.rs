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
