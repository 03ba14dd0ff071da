//! The `pledge store` command line, run as a real process against a
//! temporary data directory: the commands, a crash in the middle of saving,
//! and two writers at once.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use pledge::store::{Shelf, Store};

use super::{fixtures, name, sample_text};

const PLEDGE: &str = env!("CARGO_BIN_EXE_pledge");

/// `pledge store --data-dir DIR ARGS…`, with no data directory from the
/// environment.
fn pledge_store(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::new(PLEDGE)
        .arg("store")
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLEDGE_DATA_DIR")
        .assert()
}

/// Runs `pledge store`, asserting success; returns stdout.
fn ok(dir: &Path, args: &[&str]) -> String {
    String::from_utf8(
        pledge_store(dir, args)
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap()
}

/// The same, expecting failure; returns stderr.
fn fails(dir: &Path, args: &[&str]) -> String {
    String::from_utf8(
        pledge_store(dir, args)
            .failure()
            .get_output()
            .stderr
            .clone(),
    )
    .unwrap()
}

fn write_edited(dir: &Path, file: &str, from: &str, to: &str) -> PathBuf {
    let path = dir.join(file);
    let text = sample_text();
    assert!(text.contains(from), "the sample has no `{from}`");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

#[test]
fn import_list_log_show_diff_export() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let d = data.path();
    let out = ok(
        d,
        &[
            "import",
            fixtures().join("agreements").to_str().unwrap(),
            "--author",
            "marie",
        ],
    );
    assert!(out.contains("saved acme-premium v1"), "{out}");
    assert!(out.contains("saved globex-handwritten v1"), "{out}");

    let v2 = write_edited(work.path(), "acme-premium.yaml", "within: 8h", "within: 4h");
    let out = ok(
        d,
        &[
            "import",
            v2.to_str().unwrap(),
            "-m",
            "Faster P1 resolution",
            "--author",
            "paul",
        ],
    );
    assert!(out.contains("saved acme-premium v2"), "{out}");
    let out = ok(d, &["import", v2.to_str().unwrap()]);
    assert!(out.contains("unchanged acme-premium v2"), "{out}");

    let list = ok(d, &["list"]);
    assert!(list.contains("acme-premium  2 version(s)  v2"), "{list}");
    let log = ok(d, &["log", "acme-premium"]);
    assert_eq!(log.lines().count(), 2);
    assert!(
        log.lines()
            .nth(1)
            .unwrap()
            .ends_with("paul  Faster P1 resolution"),
        "{log}"
    );

    assert_eq!(
        ok(d, &["show", "acme-premium", "--version", "1"]),
        sample_text()
    );
    let diff = ok(d, &["diff", "acme-premium"]);
    assert_eq!(diff, "P1 resolution (premium): 8h → 4h\n");
    assert_eq!(
        ok(d, &["diff", "acme-premium", "2", "1"]),
        "P1 resolution (premium): 4h → 8h\n"
    );

    let exported = work.path().join("out.yaml");
    ok(
        d,
        &[
            "export",
            "acme-premium",
            "--version",
            "2",
            "-o",
            exported.to_str().unwrap(),
        ],
    );
    assert_eq!(fs::read(&exported).unwrap(), fs::read(&v2).unwrap());
    let all = work.path().join("all");
    let out = ok(d, &["export", "--all", "-o", all.to_str().unwrap()]);
    assert_eq!(out.lines().count(), 2);
    assert_eq!(
        fs::read_to_string(all.join("acme-premium.yaml")).unwrap(),
        fs::read_to_string(&v2).unwrap()
    );
}

#[test]
fn rm_restore_and_purge() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(
        d,
        &["import", fixtures().join("agreements").to_str().unwrap()],
    );
    ok(d, &["rm", "acme-premium"]);
    assert!(!ok(d, &["list"]).contains("acme-premium"));
    assert!(ok(d, &["list", "--trash"]).contains("acme-premium"));
    ok(d, &["restore", "acme-premium"]);
    assert!(ok(d, &["list"]).contains("acme-premium"));
    let err = fails(d, &["purge", "acme-premium"]);
    assert!(err.contains("not in the trash"), "{err}");
    ok(d, &["rm", "acme-premium", "globex-handwritten"]);
    assert_eq!(ok(d, &["purge", "--all"]).lines().count(), 2);
    assert_eq!(ok(d, &["list"]), "");
    assert_eq!(ok(d, &["list", "--trash"]), "");
}

#[test]
fn the_data_dir_comes_from_the_environment_when_not_given() {
    let data = tempfile::tempdir().unwrap();
    Command::new(PLEDGE)
        .args(["store", "import"])
        .arg(fixtures().join("agreements/acme-premium.yaml"))
        .env("PLEDGE_DATA_DIR", data.path())
        .assert()
        .success();
    assert!(data.path().join("pledge.db").exists());
    // --data-dir wins over the variable.
    let other = tempfile::tempdir().unwrap();
    let out = Command::new(PLEDGE)
        .args(["store", "list", "--data-dir"])
        .arg(other.path())
        .env("PLEDGE_DATA_DIR", data.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(out.is_empty());
    // Without either, the XDG data directory is used.
    let xdg = tempfile::tempdir().unwrap();
    Command::new(PLEDGE)
        .args(["store", "list"])
        .env_remove("PLEDGE_DATA_DIR")
        .env("XDG_DATA_HOME", xdg.path())
        .assert()
        .success();
    assert!(xdg.path().join("pledge/pledge.db").exists());
}

#[test]
fn clear_errors_for_unknown_names_bad_files_and_a_damaged_database() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["list"]);
    assert!(fails(d, &["log", "nobody"]).contains("no agreement is named `nobody`"));
    assert!(fails(d, &["show", "../x"]).contains("not a valid agreement name"));
    let work = tempfile::tempdir().unwrap();
    let bad = work.path().join("bad.yaml");
    fs::write(&bad, "pledge: 1\nmeta: 3\n").unwrap();
    let err = fails(d, &["import", bad.to_str().unwrap()]);
    assert!(err.contains("bad.yaml:2:"), "{err}");

    let db = d.join("pledge.db");
    let garbage = b"this is not a database, it is a shopping list".repeat(40);
    fs::write(&db, &garbage).unwrap();
    let err = fails(d, &["list"]);
    assert!(
        err.contains("not a usable Pledge database") && err.contains("left as it was"),
        "{err}"
    );
    assert_eq!(fs::read(&db).unwrap(), garbage);
}

/// `count` copies of the sample under distinct names and references, in a
/// new folder; each is larger than the sample so that a save takes a while.
fn many_agreements(dir: &Path, prefix: &str, count: usize) -> PathBuf {
    let folder = dir.join(prefix);
    fs::create_dir_all(&folder).unwrap();
    let text = sample_text();
    for i in 0..count {
        let mut one = text.replacen("SLA-2026-014", &format!("SLA-{prefix}-{i:04}"), 1);
        // Repeat the provider's duty line, with its indentation, 40 times.
        let line = one
            .lines()
            .find(|l| l.ends_with("- Keep the portal up to date."))
            .unwrap()
            .to_owned();
        let duties: Vec<String> = (0..40)
            .map(|k| line.replace("date.", &format!("date ({i}.{k}).")))
            .collect();
        one = one.replacen(&line, &duties.join("\n"), 1);
        fs::write(folder.join(format!("{prefix}-{i:04}.yaml")), one).unwrap();
    }
    folder
}

/// The "saved NAME vN FINGERPRINT from FILE" lines of an import.
fn saved_lines(out: &str) -> Vec<(String, String)> {
    out.lines()
        .filter_map(|l| l.strip_prefix("saved "))
        .map(|l| {
            let parts: Vec<&str> = l.split(' ').collect();
            (parts[0].to_owned(), parts[2].to_owned())
        })
        .collect()
}

/// Checks that each reported save is in the library with its fingerprint.
fn all_present(store: &Store, saved: &[(String, String)]) {
    for (agreement, print) in saved {
        let v = store.version(&name(agreement), None).unwrap();
        assert!(
            v.info.fingerprint.starts_with(print.as_str()),
            "{agreement}"
        );
        assert_eq!(
            pledge::store::fingerprint(v.yaml.as_bytes()),
            v.info.fingerprint
        );
        v.agreement().unwrap();
    }
}

#[test]
fn a_crash_in_the_middle_of_saving_loses_nothing_saved_before() {
    let work = tempfile::tempdir().unwrap();
    let folder = many_agreements(work.path(), "crash", 400);
    // Kill at different points: early, and after many commits.
    for kill_after in [3usize, 25, 60] {
        let data = tempfile::tempdir().unwrap();
        let mut child = StdCommand::new(PLEDGE)
            .args(["store", "import"])
            .arg(&folder)
            .arg("--data-dir")
            .arg(data.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut out = String::new();
        let mut line = String::new();
        while saved_lines(&out).len() < kill_after {
            line.clear();
            assert!(
                reader.read_line(&mut line).unwrap() > 0,
                "the import ended before the kill"
            );
            out.push_str(&line);
        }
        child.kill().unwrap(); // SIGKILL on Unix.
        child.wait().unwrap();
        // Lines already in the pipe were printed after their commit too.
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut reader, &mut rest).unwrap();
        out.push_str(&rest);
        let saved = saved_lines(&out);
        assert!(saved.len() < 400, "the import finished before the kill");

        let mut store = Store::open(&data.path().join("pledge.db")).unwrap();
        all_present(&store, &saved);
        // At most the one save in flight may have committed unreported.
        let listed = store.list(Shelf::Live).unwrap();
        assert!(
            listed.len() == saved.len() || listed.len() == saved.len() + 1,
            "{} vs {}",
            listed.len(),
            saved.len()
        );
        // The library keeps working after the crash.
        store
            .save(
                &name("after-crash"),
                &super::sample(),
                "t",
                "m",
                super::at(0),
            )
            .unwrap();
    }
}

#[test]
fn two_writers_at_once_both_succeed_or_one_is_told_busy() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let a = many_agreements(work.path(), "alpha", 60);
    let b = many_agreements(work.path(), "beta", 60);
    // Both start on a library that does not exist yet, so they also race to
    // create it.
    let spawn = |folder: &Path| {
        StdCommand::new(PLEDGE)
            .args(["store", "import"])
            .arg(folder)
            .arg("--data-dir")
            .arg(data.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(&a), spawn(&b));
    let outputs = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    let store = Store::open(&data.path().join("pledge.db")).unwrap();
    let mut total = 0;
    for out in &outputs {
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            assert_eq!(saved_lines(&stdout).len(), 60, "{stderr}");
        } else {
            assert!(
                stderr.contains("busy"),
                "a writer failed for another reason: {stderr}"
            );
        }
        let saved = saved_lines(&stdout);
        all_present(&store, &saved);
        total += saved.len();
    }
    assert!(outputs.iter().any(|o| o.status.success()));
    assert_eq!(store.list(Shelf::Live).unwrap().len(), total);
}

#[test]
fn the_cli_reports_busy_when_another_process_holds_the_write_lock() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["list"]);
    let other = rusqlite::Connection::open(d.join("pledge.db")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = fails(
        d,
        &[
            "import",
            fixtures()
                .join("agreements/acme-premium.yaml")
                .to_str()
                .unwrap(),
        ],
    );
    assert!(
        err.contains("is busy: another Pledge process is writing to it"),
        "{err}"
    );
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(ok(d, &["list"]), "");
}

#[test]
fn diff_prints_the_contract_redline_as_text_json_and_pdf() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(
        d,
        &[
            "import",
            fixtures()
                .join("agreements/acme-premium.yaml")
                .to_str()
                .unwrap(),
        ],
    );
    let v2 = write_edited(work.path(), "acme-premium.yaml", "within: 8h", "within: 4h");
    ok(d, &["import", v2.to_str().unwrap()]);
    // The default output is still the change list alone.
    assert_eq!(
        ok(d, &["diff", "acme-premium"]),
        "P1 resolution (premium): 8h → 4h\n"
    );
    let text = ok(d, &["diff", "acme-premium", "1", "2", "--format", "text"]);
    assert!(
        text.starts_with("P1 resolution (premium): 8h → 4h\n\n"),
        "{text}"
    );
    assert!(
        // The contract keeps a number with its unit by a no-break space.
        text.contains("(changed)\n  table 1, row 1, column 3: [-8-]{+4+}\u{a0}hours\n"),
        "{text}"
    );
    assert!(
        ok(d, &["diff", "acme-premium", "1", "1", "--format", "text"])
            .contains("the contract's text is the same")
    );

    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["diff", "acme-premium", "--format", "json"])).unwrap();
    assert_eq!(json["changes"][0]["change"]["kind"], "changed");
    assert_eq!(json["changes"][0]["change"]["after"], "4h");
    let changed: Vec<&serde_json::Value> = json["redline"]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] != "unchanged")
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        changed[0]["blocks"][0]["segments"][0],
        serde_json::json!({"op": "delete", "text": "8"})
    );
    assert_eq!(
        changed[0]["blocks"][0]["segments"][1],
        serde_json::json!({"op": "insert", "text": "4"})
    );

    let pdf = work.path().join("cmp.pdf");
    ok(
        d,
        &[
            "diff",
            "acme-premium",
            "1",
            "2",
            "--redline",
            pdf.to_str().unwrap(),
            "--lang",
            "fr",
        ],
    );
    let check = StdCommand::new("qpdf")
        .arg("--check")
        .arg(&pdf)
        .output()
        .expect("qpdf is installed");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let text = StdCommand::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    let text = String::from_utf8(text.stdout).unwrap();
    // The change said in French, with the plan's name and French units
    // (issue 14 point 8); French spacing puts a no-break space before the
    // colon.
    assert!(
        text.contains("Version 1 → Version 2")
            && text.contains("Délai de résolution (P1, Premium)"),
        "{text}"
    );
    // The no-break spaces that bind figures to units come out of the PDF
    // as spaces.
    assert!(text.contains(": 8 h → 4 h"), "{text}");
    // The old and the new figure in the targets table, set apart by a
    // narrow space so that they do not read as one number ("84").
    assert!(
        text.contains("8\u{202F}4 heures") || text.contains("8 4 heures"),
        "{text}"
    );
    assert!(!text.contains("84 heures"), "{text}");
    // The file is traced to the later version.
    let store = Store::open(&d.join("pledge.db")).unwrap();
    let docs = store.documents(&name("acme-premium")).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(
        (docs[0].document.kind.as_str(), docs[0].version.number),
        ("comparison-pdf", 2)
    );
    assert_eq!(
        docs[0].document.fingerprint,
        pledge::store::fingerprint(&fs::read(&pdf).unwrap())
    );
    // Dated by the later version's save, not by the agreement's effective
    // date (issue 14 point 5).
    let saved = store.log(&name("acme-premium")).unwrap()[1].saved_at;
    let info = StdCommand::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo is installed");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let line = info
        .lines()
        .find(|l| l.starts_with("CreationDate:"))
        .unwrap_or_default();
    assert!(
        line.ends_with(&saved.format("%a %b %e 00:00:00 %Y UTC").to_string()),
        "{line} vs {saved}"
    );
}

#[test]
fn importing_dev_zero_is_refused_at_the_reader_limit() {
    // issue 12: `store import /dev/zero` grew to 2 GB in 3 s.
    let data = tempfile::tempdir().unwrap();
    let err = fails(data.path(), &["import", "/dev/zero", "--name", "zero"]);
    assert!(err.contains("/dev/zero is larger than 4 MiB"), "{err}");
    assert_eq!(ok(data.path(), &["list"]), "");
}

// issue 17: the command line and the app formatted the versions' notes on
// the comparison's first page differently, so the same two versions gave
// two different PDFs. Both now call `VersionComparison`, the app with the
// language the screen chose; here the command line's file is compared byte
// for byte with what the app's `save_redline_pdf` writes.
#[test]
fn the_command_lines_comparison_pdf_is_the_apps_byte_for_byte() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let d = data.path();
    let v1 = fixtures().join("agreements/acme-premium.yaml");
    ok(d, &["import", v1.to_str().unwrap(), "--author", "ana"]);
    let v2 = write_edited(work.path(), "acme-premium.yaml", "within: 8h", "within: 4h");
    ok(
        d,
        &[
            "import",
            v2.to_str().unwrap(),
            "-m",
            "Faster P1",
            "--author",
            "ana",
        ],
    );
    let store = Store::open(&d.join("pledge.db")).unwrap();
    let comparison = store.compare(&name("acme-premium"), 1, 2).unwrap();
    for (lang, tag) in [
        (pledge::doc::tree::Lang::En, "en"),
        (pledge::doc::tree::Lang::Fr, "fr"),
    ] {
        for collapse in [false, true] {
            let pdf = work.path().join(format!("cli-{tag}-{collapse}.pdf"));
            let mut args = vec!["diff", "acme-premium", "1", "2", "--lang", tag, "--redline"];
            args.push(pdf.to_str().unwrap());
            if collapse {
                args.push("--collapse-unchanged");
            }
            ok(d, &args);
            let app = pledge::store::VersionComparison::render(&comparison, Some(lang))
                .unwrap()
                .pdf(collapse)
                .unwrap();
            assert!(
                fs::read(&pdf).unwrap() == app,
                "{tag}, collapse {collapse}: the two PDFs differ"
            );
        }
    }
    let note = pledge::store::comparison::version_note(&comparison.after.info);
    assert!(note.ends_with(" UTC · ana · Faster P1"), "{note}");
}
