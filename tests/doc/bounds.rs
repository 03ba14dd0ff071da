//! Issue 12: what a user's template folder can make Pledge do is bounded in
//! memory, output and nesting, and each limit is a clear error naming the
//! template and line, through `pledge export --template DIR` as through the
//! library.

use std::path::Path;
use std::process::Command;

use pledge::doc::contract::markup::MAX_NESTING;
use pledge::doc::contract::{
    self, ContractOptions, TemplateSet, MAX_TEMPLATE_BYTES, MAX_TEMPLATE_DIR_ENTRIES,
};
use pledge::doc::tree::Lang;
use pledge::doc::DocError;

fn sample_file(dir: &Path) -> std::path::PathBuf {
    let yaml = dir.join("agreement.yaml");
    let sample = pledge::samples::find("saas-multilevel").expect("sample");
    std::fs::write(&yaml, sample.text).expect("write");
    yaml
}

/// Runs `pledge export` with a template folder holding `contract.j2`, and
/// returns whether it succeeded and what it printed on stderr.
fn export_with(template: &str) -> (bool, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    std::fs::write(templates.join("contract.j2"), template).expect("write");
    let out = Command::new(assert_cmd::cargo::cargo_bin("pledge"))
        .arg("export")
        .arg(sample_file(dir.path()))
        .arg("--template")
        .arg(&templates)
        .args(["-o", "-", "--format", "md"])
        .output()
        .expect("run");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn render(files: &[(&str, &str)]) -> Result<pledge::doc::tree::Document, DocError> {
    let sample = pledge::samples::find("saas-multilevel").expect("sample");
    let a = pledge::format::read(sample.text).expect("reads");
    let opts = ContractOptions {
        lang: Some(Lang::En),
        templates: Some(TemplateSet::from_files(files.iter().copied())),
        ..ContractOptions::default()
    };
    contract::render(&a, &opts)
}

// issue 12: a repeated string of 100 MB costs one step; it is refused
// before it is built, with the template and line, instead of growing the
// process by gigabytes on its way to the layout.
#[test]
fn a_huge_repeated_value_is_refused_with_its_line() {
    let (ok, err) = export_with("<p>Hello</p>\n<p>{{ \"x \" * 50000000 }}</p>\n");
    assert!(!ok);
    assert!(err.contains("template contract.j2, line 2"), "{err}");
}

// issue 12: a string that doubles at each step stops at the data budget
// with its line, instead of growing until memory runs out.
#[test]
fn a_value_that_doubles_stops_with_its_line() {
    let template = "<p>start</p>\n{% set ns = namespace(s=\"ab\") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}<p>{{ ns.s|length }}</p>\n";
    match render(&[("contract.j2", template)]) {
        Err(DocError::Template {
            name,
            line,
            message,
        }) => {
            assert_eq!((name.as_str(), line), ("contract.j2", Some(2)), "{message}");
            assert!(
                message.contains("fuel") && message.contains("MiB"),
                "{message}"
            );
        }
        other => panic!("expected a template error, got {other:?}"),
    }
}

// issue 12: the markup written is bounded too: a loop printing a modest
// value many times stops at the output limit, at the line printing it.
#[test]
fn output_past_the_limit_is_refused_with_its_line() {
    let template = "<p>\n{% for i in range(1000) %}{% for j in range(1000) %}\n{{ \"0123456789\" * 10 }}\n{% endfor %}{% endfor %}</p>";
    match render(&[("contract.j2", template)]) {
        Err(DocError::Template {
            name,
            line,
            message,
        }) => {
            assert_eq!((name.as_str(), line), ("contract.j2", Some(3)), "{message}");
            assert!(message.contains("larger than 16 MiB"), "{message}");
        }
        other => panic!("expected the output limit, got {other:?}"),
    }
    let (ok, err) = export_with(template);
    assert!(!ok);
    assert!(
        err.contains("contract.j2, line 3") && err.contains("16 MiB"),
        "{err}"
    );
}

// issue 12: lists joined with `+` escape minijinja's fuel (it keeps them
// lazy and copies them uncharged), so `l = l + l` thirty-odd times asked
// for gigabytes until the process died. A template folder is rendered in a
// child process under a memory cap, and the stop is reported as the
// templates' problem, with nothing written. The test lowers the cap the
// child inherits (a limit can only be lowered) so that it is quick.
#[cfg(unix)]
#[test]
fn a_list_that_doubles_is_stopped_by_the_memory_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    std::fs::write(
        templates.join("contract.j2"),
        "<p>start</p>\n{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}<p>{{ ns.l|length }}</p>\n",
    )
    .expect("write");
    let output = dir.path().join("contract.pdf");
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 600000 && exec \"$@\"")
        .arg("sh")
        .arg(assert_cmd::cargo::cargo_bin("pledge"))
        .arg("export")
        .arg(sample_file(dir.path()))
        .arg("--template")
        .arg(&templates)
        .arg("-o")
        .arg(&output)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("{}: error[template]", templates.display()))
            && err.contains("l = l + l")
            && err.contains("nothing was written"),
        "{err}"
    );
    assert!(!output.exists());
}

// issue 12: the child that renders a template folder writes what the
// process itself would: the shipped templates copied into a folder give the
// same bytes as the shipped templates.
#[test]
fn a_template_folder_renders_as_the_shipped_templates_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    for name in ["contract.j2", "macros.j2"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("templates/contract/en")
            .join(name);
        std::fs::copy(from, templates.join(name)).expect("copy");
    }
    let agreement = sample_file(dir.path());
    let export = |extra: &[&std::ffi::OsStr], out: &Path| {
        let status = Command::new(assert_cmd::cargo::cargo_bin("pledge"))
            .arg("export")
            .arg(&agreement)
            .args(extra)
            .arg("-o")
            .arg(out)
            .status()
            .expect("run");
        assert!(status.success());
        std::fs::read(out).expect("read")
    };
    let shipped = export(&[], &dir.path().join("a.pdf"));
    let folder = export(
        &["--template".as_ref(), templates.as_os_str()],
        &dir.path().join("b.pdf"),
    );
    assert!(shipped.len() > 10_000);
    assert!(shipped == folder, "the folder's contract differs");
}

// issue 12: clauses nested 300 deep used to wrap the layout's level counter
// and never finish; the markup now refuses them at the tag one level too
// deep, and export exits with that line.
#[test]
fn clauses_nested_too_deep_are_refused_at_their_line() {
    let template = "{% for i in range(300) %}<clause id=\"c{{ i }}\" title=\"Level {{ i }}\">\n{% endfor %}<p>deep</p>{% for i in range(300) %}</clause>{% endfor %}";
    match render(&[("contract.j2", template)]) {
        Err(DocError::Markup { line, message, .. }) => {
            assert_eq!(line, MAX_NESTING + 1, "{message}");
            assert!(message.contains("nested more than"), "{message}");
        }
        other => panic!("expected a markup error, got {other:?}"),
    }
    let (ok, err) = export_with(template);
    assert!(!ok);
    assert!(err.contains("line 33") && err.contains("nested"), "{err}");
}

// issue 12 (point 8): a template folder is read with bounds: a file over
// the size limit, a folder of thousands of files and a file that is not
// UTF-8 are refused with the folder and the file named.
#[test]
fn template_folders_are_read_with_bounds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big");
    std::fs::create_dir(&big).expect("mkdir");
    std::fs::write(big.join("contract.j2"), "<p>ok</p>").expect("write");
    std::fs::write(
        big.join("huge.j2"),
        "x".repeat(MAX_TEMPLATE_BYTES as usize + 1),
    )
    .expect("write");
    let e = TemplateSet::from_dir(&big, Lang::En).expect_err("too large");
    assert!(
        e.to_string().contains("huge.j2 is larger than 1 MiB"),
        "{e}"
    );

    let many = dir.path().join("many");
    std::fs::create_dir(&many).expect("mkdir");
    std::fs::write(many.join("contract.j2"), "<p>ok</p>").expect("write");
    for i in 0..MAX_TEMPLATE_DIR_ENTRIES + 10 {
        std::fs::write(many.join(format!("note-{i}.txt")), "").expect("write");
    }
    let e = TemplateSet::from_dir(&many, Lang::En).expect_err("too many");
    assert!(e.to_string().contains("more than 1024 entries"), "{e}");

    let latin1 = dir.path().join("latin1");
    std::fs::create_dir(&latin1).expect("mkdir");
    std::fs::write(latin1.join("contract.j2"), b"<p>caf\xe9</p>").expect("write");
    let e = TemplateSet::from_dir(&latin1, Lang::En).expect_err("not UTF-8");
    assert!(
        e.to_string().contains("contract.j2 is not UTF-8 text"),
        "{e}"
    );

    // The shipped templates copied to a folder still read and render.
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).expect("mkdir");
    for (name, text) in TemplateSet::shipped(Lang::En).files() {
        std::fs::write(copy.join(name), text).expect("write");
    }
    let set = TemplateSet::from_dir(&copy, Lang::En).expect("reads");
    let files: Vec<(String, String)> = set
        .files()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    assert!(render(&refs).is_ok());
}
