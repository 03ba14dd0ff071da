//! The contract's defined terms, checked on the contracts the agreement
//! prints: every language (English and French) and every edition (client
//! and internal), rendered with the shipped templates and read by
//! [`crate::doc::terms::lint`]. Each finding is a warning with a stable
//! code, its term, clause, language and editions, placed at the agreement
//! field whose text holds the words when there is one (otherwise the
//! words come from the template, and the finding is placed at the top of
//! the file).

use std::collections::BTreeMap;

use super::Diagnostic;
use crate::doc::contract::{render, ContractOptions, Edition};
use crate::doc::terms::{self, Finding, Kind, Names};
use crate::doc::tree::Lang;
use crate::model::{Agreement, Language, Text};

/// A capitalised term is used but never defined.
pub const UNDEFINED_TERM: &str = "undefined-term";
/// A term is defined but never used.
pub const UNUSED_TERM: &str = "unused-term";
/// A term is defined more than once.
pub const DUPLICATE_TERM: &str = "duplicate-term";
/// A defined term is written with another capitalisation.
pub const TERM_CASE: &str = "term-case";
/// A cross-reference to a clause the contract does not print.
pub const MISSING_CLAUSE: &str = "missing-clause";

/// The agreement's own names: words the contract prints from its data
/// that are names, not terms (parties, people, products, places, teams).
pub fn names(a: &Agreement) -> Names {
    let mut n = Names::new();
    text(&mut n, &a.meta.title);
    a.meta.governing_law.texts().for_each(|t| n.add(t));
    a.meta.jurisdiction.texts().for_each(|t| n.add(t));
    for p in [&a.parties.provider, &a.parties.customer] {
        n.add(&p.legal_name);
        n.add(&p.address);
        n.add(&p.registration_number);
        if let Some(c) = &p.notice_contact {
            text(&mut n, &c.name);
            n.add(&c.address);
        }
        for s in &p.signatories {
            n.add(&s.name);
            text(&mut n, &s.title);
        }
    }
    let zones = |n: &mut Names, tz: &str| {
        for lang in [Lang::En, Lang::Fr] {
            n.add(&crate::doc::contract::words::zone(tz, lang));
        }
    };
    for s in &a.services {
        // A service's description is where the products it covers are
        // named ("Microsoft 365", "Windows").
        text(&mut n, &s.name);
        s.description.texts().for_each(|t| n.add(t));
        let windows = s
            .availability
            .iter()
            .flat_map(|a| &a.maintenance)
            .flat_map(|m| &m.windows);
        for w in windows {
            zones(&mut n, &w.time_zone);
        }
    }
    for c in &a.channels {
        text(&mut n, &c.name);
        n.add(&c.contact);
    }
    for c in &a.calendars {
        text(&mut n, &c.name);
        zones(&mut n, &c.time_zone);
        for r in &c.holidays.rules {
            for lang in [Lang::En, Lang::Fr] {
                n.add(crate::doc::contract::context::region(r.country, lang));
            }
        }
        for h in &c.holidays.dates {
            text(&mut n, &h.name);
        }
        for cl in &c.closures {
            text(&mut n, &cl.reason);
        }
    }
    a.plans.iter().for_each(|p| text(&mut n, &p.name));
    a.priorities.iter().for_each(|p| text(&mut n, &p.name));
    a.teams.iter().for_each(|t| text(&mut n, &t.name));
    a.olas.iter().for_each(|o| text(&mut n, &o.stage));
    if let Some(e) = &a.escalation {
        e.levels
            .iter()
            .flat_map(|l| l.to.texts())
            .for_each(|t| n.add(t));
    }
    if let Some(c) = a
        .reporting
        .as_ref()
        .and_then(|r| r.steering_committee.as_ref())
    {
        c.members
            .iter()
            .flat_map(Text::texts)
            .for_each(|m| n.add(m));
    }
    // Subcontractors are companies named by the agreement, and whoever
    // sends or receives a breach notice is a role like an escalation
    // contact.
    if let Some(sc) = &a.subcontracting {
        sc.approved
            .iter()
            .flat_map(Text::texts)
            .for_each(|x| n.add(x));
    }
    if let Some(b) = &a.breach_notification {
        b.from.texts().for_each(|t| n.add(t));
        b.to.texts().for_each(|t| n.add(t));
    }
    n
}

/// Adds the words of every language's text of `t` to `n`.
fn text(n: &mut Names, t: &Text) {
    t.texts().for_each(|x| n.add(x));
}

/// The lint's findings on every language and edition of the agreement's
/// contract, each with the editions it is found in. A contract the shipped
/// templates cannot render has no finding here: `export` reports why.
pub fn findings(a: &Agreement) -> Vec<(Finding, Vec<Edition>)> {
    let own = match a.meta.language {
        Language::En => Lang::En,
        Language::Fr => Lang::Fr,
    };
    let base = names(a);
    let mut found: BTreeMap<Finding, Vec<Edition>> = BTreeMap::new();
    for edition in [Edition::Client, Edition::Internal] {
        let render_in = |lang: Lang| {
            let opts = ContractOptions {
                lang: Some(lang),
                edition,
                ..Default::default()
            };
            render(a, &opts).ok()
        };
        let Some(own_doc) = render_in(own) else {
            continue;
        };
        let other = match own {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        };
        // A free text without a text in the other language (and every
        // list of sentences) prints in the agreement's own language there:
        // the terms that text may use are the own language's, so their
        // words are names there.
        let mut foreign = base.clone();
        terms::defined_terms(&own_doc)
            .iter()
            .for_each(|t| foreign.add(t));
        let mut docs = vec![(own_doc, &base)];
        if let Some(d) = render_in(other) {
            docs.push((d, &foreign));
        }
        for (doc, names) in &docs {
            for f in terms::lint(doc, names) {
                found.entry(f).or_default().push(edition);
            }
        }
    }
    found.into_iter().collect()
}

/// Adds the lint's findings to `out` as warnings.
pub(super) fn run(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let found = findings(a);
    if found.is_empty() {
        return;
    }
    let text = serde_json::to_value(a).unwrap_or_default();
    for (f, editions) in found {
        let (code, what) = describe(&f);
        let lang = f.lang.pick("English", "French");
        let editions = match editions.as_slice() {
            [Edition::Client] => "client edition",
            [Edition::Internal] => "internal edition",
            _ => "client and internal editions",
        };
        let message = format!("{what} ({}, {lang} contract, {editions})", f.place);
        let mut path = String::new();
        let needle = match &f.kind {
            Kind::Unused | Kind::DefinedTwice { .. } => None,
            _ => Some(f.term.as_str()),
        };
        if let Some(needle) = needle {
            find_text(&text, needle, &mut String::new(), &mut path);
        }
        out.push(Diagnostic::warning(code, path, message));
    }
}

/// The code and the words of a finding.
fn describe(f: &Finding) -> (&'static str, String) {
    let t = &f.term;
    match &f.kind {
        Kind::Undefined => (
            UNDEFINED_TERM,
            format!(
                "the contract uses the capitalised term “{t}” but never defines it: define it, use a defined term, or write it in lower case"
            ),
        ),
        Kind::Unused => (
            UNUSED_TERM,
            format!("the contract defines “{t}” but never uses it"),
        ),
        Kind::DefinedTwice { first } => (
            DUPLICATE_TERM,
            format!("the contract defines “{t}” a second time (first in {first})"),
        ),
        Kind::OtherCase { defined } => (
            TERM_CASE,
            format!(
                "the contract writes “{t}” where the defined term is “{defined}”: write the defined term as it is defined"
            ),
        ),
        Kind::MissingClause => (
            MISSING_CLAUSE,
            format!("the contract refers to {t}, which it does not print"),
        ),
    }
}

/// The path of the first text value of `v` containing `needle`, written to
/// `found` (left empty when none does).
fn find_text(v: &serde_json::Value, needle: &str, at: &mut String, found: &mut String) {
    if !found.is_empty() {
        return;
    }
    match v {
        serde_json::Value::String(s) if plain(s).contains(&plain(needle)) => found.push_str(at),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("[{i}]"));
                find_text(item, needle, at, found);
                at.truncate(len);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                let len = at.len();
                if !at.is_empty() {
                    at.push('.');
                }
                at.push_str(k);
                find_text(item, needle, at, found);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// Text with the typographer's quotes and no-break spaces the contract adds
/// taken back to what a file holds.
fn plain(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' | '«' | '»' => '"',
            '\u{00A0}' | '\u{202F}' => ' ',
            c => c,
        })
        .collect()
}
