//! The contract between the commands (issue 12, point 7): every sample
//! agreement and scenario, changed by a fixed set of targeted mutations;
//! whenever `validate` passes an agreement, its contract exports in every
//! format and language and its scenarios simulate; whenever a scenario
//! reads, it simulates. A mutation either is refused on reading, with a
//! finding, or goes through every command.
//!
//! This is the deterministic counterpart of the fuzzing harness: the same
//! cases on every run, chosen where the commands' own limits lie (the
//! clock's years, identifiers in anchors, percentages, huge and zero
//! values).

use std::path::{Path, PathBuf};

use pledge::check;
use pledge::doc::contract::{self, ContractOptions, Edition, Format};
use pledge::doc::tree::Lang;
use pledge::sim::model;
use pledge::sim::outcome::scenario_credits;
use pledge::sim::run::{Flow, RunConfig};
use pledge::sim::scenario::Scenario;
use pledge::sim::SimError;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/samples")
}

/// Sets the value of the `nth` line (from 0) whose key is `key`, in block
/// style (`key: value` or `- key: value`), keeping its indentation.
fn set(text: &str, key: &str, nth: usize, value: &str) -> Option<String> {
    let mut seen = 0;
    let mut out = String::with_capacity(text.len() + value.len());
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let item = body.strip_prefix("- ").unwrap_or(body);
        if !changed && item.starts_with(&format!("{key}:")) {
            if seen == nth {
                let indent = line.len() - item.len();
                out.push_str(&line[..indent]);
                out.push_str(&format!("{key}: {value}\n"));
                changed = true;
                continue;
            }
            seen += 1;
        }
        out.push_str(line);
    }
    changed.then_some(out)
}

/// The `nth` identifier (`id: …`) of the text.
fn nth_id(text: &str, nth: usize) -> Option<String> {
    text.lines()
        .filter_map(|l| {
            let body = l.trim_start();
            body.strip_prefix("- ")
                .unwrap_or(body)
                .strip_prefix("id: ")
                .map(|v| v.trim().to_owned())
        })
        .nth(nth)
}

/// Replaces every whole-word occurrence of `old` by `new`.
fn rename(text: &str, old: &str, new: &str) -> String {
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(old) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + old.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(word) || after.is_some_and(word) {
            out.push_str(old);
        } else {
            out.push_str(new);
        }
        rest = &rest[i + old.len()..];
    }
    out.push_str(rest);
    out
}

/// A change of an agreement: a value set, an identifier renamed wherever
/// it is used (in the scenarios that name it too), or any other change.
enum Mutation {
    Value(&'static str, usize, String),
    Rename(usize, fn(&str) -> String, &'static str),
}

impl Mutation {
    fn name(&self) -> String {
        match self {
            Mutation::Value(key, nth, v) => {
                let shown: String = v.chars().take(40).collect();
                format!("{key}[{nth}] = {shown}")
            }
            Mutation::Rename(nth, _, what) => format!("id[{nth}] {what}"),
        }
    }

    /// The changed text, and the renaming to apply to scenarios.
    fn apply(&self, text: &str) -> Option<(String, Option<(String, String)>)> {
        match self {
            Mutation::Value(key, nth, v) => set(text, key, *nth, v).map(|t| (t, None)),
            Mutation::Rename(nth, f, _) => {
                let id = nth_id(text, *nth)?;
                let new = f(&id);
                Some((rename(text, &id, &new), Some((id, new))))
            }
        }
    }
}

fn value(key: &'static str, nth: usize, v: &str) -> Mutation {
    Mutation::Value(key, nth, v.to_owned())
}

fn agreement_mutations() -> Vec<Mutation> {
    let mut all = vec![
        value("to", 0, "9999-12-31"),
        value("from", 0, "1850-01-01"),
        value("to", 0, "2200-12-31"),
        value("date", 0, "2301-05-01"),
        value("date", 0, "1900-01-01"),
        value("target", 0, "150%"),
        value("target", 0, "100%"),
        value("target", 0, "0.001%"),
        value("time_zone", 0, "Europe/Lyon"),
        value("time_zone", 1, "Europe/Lyon"),
        value("time_zone", 0, "Pacific/Kiritimati"),
        value("time_zone", 1, "America/St_Johns"),
        value("language", 0, "en"),
        value("language", 0, "fr"),
        value("hours", 0, "24/7"),
        value("within", 0, "100000d"),
        value("within", 0, "1s"),
        value("within", 1, "400bd"),
        value("internal", 0, "1s"),
        value("monthly_fee", 0, "99999999999.99"),
        value("monthly_fee", 0, "0"),
        value("initial_months", 0, "100000"),
        value("renewal_months", 0, "0"),
        value("effective_date", 0, "9999-12-31"),
        value("effective_date", 0, "0001-01-01"),
        value("duration", 0, "10000d"),
        value("duration", 0, "1s"),
        value("start", 0, "\"23:59\""),
        value("notice", 0, "100000bd"),
        value("max_per_period", 0, "1s"),
        value("objective", 0, "100%"),
        value("objective", 0, "0.0001%"),
        value("credit", 0, "100%"),
        value("legal_name", 0, "\"\""),
        value("title", 0, "\"A\\u200bB\\u202eC\\t\\u00a0 D\""),
    ];
    all.push(value("legal_name", 0, &"Wxyz".repeat(750)));
    for nth in [0, 1, 3, 6] {
        all.push(Mutation::Rename(
            nth,
            |id| format!("{id} plus"),
            "with a space",
        ));
        all.push(Mutation::Rename(nth, |id| format!("{id}#1"), "with #"));
        all.push(Mutation::Rename(
            nth,
            |id| format!("{id}.é_β-2"),
            "in other scripts",
        ));
        all.push(Mutation::Rename(
            nth,
            |id| format!("-{id}"),
            "starting with -",
        ));
        all.push(Mutation::Rename(
            nth,
            |id| format!("{id}\u{feff}"),
            "with a BOM",
        ));
    }
    all
}

fn scenario_mutations() -> Vec<(&'static str, usize, &'static str)> {
    vec![
        ("tickets_per_week", 0, "1000000000"),
        ("tickets_per_week", 0, "0.5"),
        ("headcount", 0, "0"),
        ("headcount", 0, "10000"),
        ("horizon", 0, "1h"),
        ("warm_up", 0, "0s"),
        ("start", 0, "2099-12-25"),
        ("start", 0, "1901-01-07"),
        ("time_zone", 0, "Pacific/Chatham"),
        ("shrinkage", 0, "99%"),
        ("back_and_forths", 0, "50"),
        ("growth_per_month", 0, "100%"),
        ("growth_per_month", 0, "-99.9%"),
        ("per_month", 0, "10000"),
        ("chat_concurrency", 0, "20"),
        ("escalated", 0, "100%"),
        ("reopen", 0, "100%"),
    ]
}

/// The sample scenarios: (file name, text, the agreement file it names).
fn sample_scenarios() -> Vec<(String, String, String)> {
    let dir = samples().join("scenarios");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let agreement = text
            .lines()
            .find_map(|l| l.strip_prefix("agreement: ../"))
            .expect("the samples' scenarios name their agreement")
            .trim()
            .to_owned();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.push((name, text, agreement));
    }
    out.sort();
    out
}

/// What the contract found wrong: a command failing on input the gate let
/// through.
#[derive(Default)]
struct Findings {
    accepted: usize,
    refused: usize,
    failures: Vec<String>,
}

/// Exports the agreement in every format, language and edition.
fn export_all(case: &str, text: &str, found: &mut Findings) {
    let report = check::check_text(text);
    let errors = report.has_errors();
    let Some(agreement) = report.agreement.filter(|_| !errors) else {
        found.refused += 1;
        return;
    };
    found.accepted += 1;
    for lang in [Lang::En, Lang::Fr] {
        for (format, edition) in [
            (Format::Pdf, Edition::Client),
            (Format::Html, Edition::Client),
            (Format::Markdown, Edition::Client),
            (Format::Markdown, Edition::Internal),
        ] {
            let opts = ContractOptions {
                lang: Some(lang),
                edition,
                format,
                ..ContractOptions::default()
            };
            if let Err(e) = contract::export(&agreement, &opts) {
                found.failures.push(format!(
                    "{case}: validates, but export {format:?} {lang:?} {edition:?} fails: {e}"
                ));
            }
        }
    }
}

/// Reads a scenario from `dir`; when it reads (and its workload is not
/// refused), one short replication and its credits must run.
fn simulate(case: &str, file: &Path, found: &mut Findings) {
    let scenario = match Scenario::load(file) {
        Ok(s) => s,
        Err(_) => {
            found.refused += 1;
            return;
        }
    };
    let compiled = match model::compile(&scenario) {
        Ok(c) => c,
        Err(e) => {
            found.failures.push(format!(
                "{case}: the scenario reads, but does not compile: {e}"
            ));
            return;
        }
    };
    if model::check_workload(&scenario, &compiled).is_err() {
        found.refused += 1;
        return;
    }
    found.accepted += 1;
    let config = RunConfig {
        replications: 1,
        seed: 1,
        threads: Some(1),
    };
    match model::simulate(&compiled, &config, &|_| Flow::Continue) {
        Ok(report) => {
            if let Err(e) = scenario_credits(&scenario, &report, &config, &|_| Flow::Continue) {
                found
                    .failures
                    .push(format!("{case}: simulates, but the credits fail: {e}"));
            }
        }
        // The bound on open tickets is the run's own refusal of a backlog
        // without end, with its message; any other error is a gap.
        Err(SimError::TooManyOpenTickets { .. }) => {}
        Err(e) => found
            .failures
            .push(format!("{case}: reads, but the simulation fails: {e}")),
    }
}

/// The scenario's text made short: a week measured, so each case runs
/// quickly; the mutations that change the horizon come after this.
fn shortened(text: &str) -> String {
    set(text, "horizon", 0, "7d").expect("a horizon")
}

#[test]
fn what_validate_accepts_every_command_accepts() {
    // issue 12: `validate` passed agreements that `clock`, `simulate` or
    // `export` then refused.
    let dir = tempfile::tempdir().unwrap();
    let scenarios = sample_scenarios();
    let mut found = Findings::default();
    for sample in [
        "fr-pme-infogerance.yaml",
        "internal-it-ola.yaml",
        "saas-multilevel.yaml",
    ] {
        let original = std::fs::read_to_string(samples().join(sample)).unwrap();
        for m in agreement_mutations() {
            let Some((text, renamed)) = m.apply(&original) else {
                continue;
            };
            if text == original {
                continue;
            }
            let case = format!("{sample}: {}", m.name());
            export_all(&case, &text, &mut found);
            if check::check_text(&text).has_errors() {
                continue;
            }
            for (name, scenario, agreement) in &scenarios {
                if agreement != sample {
                    continue;
                }
                let mut scenario = shortened(scenario).replace(
                    &format!("agreement: ../{sample}"),
                    &format!("agreement: {sample}"),
                );
                if let Some((old, new)) = &renamed {
                    // The scenario names the agreement's identifiers too.
                    scenario = rename(&scenario, old, new);
                }
                std::fs::write(dir.path().join(sample), &text).unwrap();
                let file = dir.path().join(name);
                std::fs::write(&file, &scenario).unwrap();
                simulate(&format!("{case} in {name}"), &file, &mut found);
            }
        }
    }
    for (name, text, agreement) in &scenarios {
        std::fs::copy(samples().join(agreement), dir.path().join(agreement)).unwrap();
        let base = shortened(text).replace(
            &format!("agreement: ../{agreement}"),
            &format!("agreement: {agreement}"),
        );
        for (key, nth, v) in scenario_mutations() {
            let Some(mutated) = set(&base, key, nth, v) else {
                continue;
            };
            let file = dir.path().join(name);
            std::fs::write(&file, &mutated).unwrap();
            simulate(&format!("{name}: {key}[{nth}] = {v}"), &file, &mut found);
        }
    }
    assert!(
        found.failures.is_empty(),
        "{} gaps:\n{}",
        found.failures.len(),
        found.failures.join("\n")
    );
    // The mutations reach both sides of the gate.
    eprintln!("{} accepted, {} refused", found.accepted, found.refused);
    assert!(
        found.accepted > 50 && found.refused > 20,
        "{} accepted, {} refused",
        found.accepted,
        found.refused
    );
}
