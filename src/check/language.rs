//! Free text in each language the contract prints: a field that has text
//! but none for a language makes that language's contract print another
//! language's words ("governed by Droit français"). Each such field is a
//! warning (`missing-translation`) naming its path.
//!
//! Which languages are judged: the agreement's own language always (a
//! field written per language may leave it out), and the other language
//! once the agreement is bilingual, that is once any of its free texts is
//! written per language. An agreement written in one language only is
//! exported in that language, and judging every field of it against the
//! other would bury its real findings; `pledge export --lang` in the other
//! language reports the same findings for that language whatever the
//! agreement ([`missing`]).

use super::Diagnostic;
use crate::model::{Agreement, Language, Text};

/// A free-text field has text, but none in a language its contract prints.
pub const MISSING_TRANSLATION: &str = "missing-translation";

/// Every free-text field of the agreement that can carry a text per
/// language, with its field path, in file order. A list of sentences
/// (responsibilities, grounds for termination…) gives each item with its
/// index: `responsibilities.provider[2]`.
///
/// Names that are words are here too (the title, the names of services,
/// plans, priorities, channels, teams, calendars and holidays, OLA
/// stages, closure reasons, signatories' titles, notice contacts' names);
/// identities are not, being plain strings printed as written in every
/// language: identifiers, parties' legal names and addresses, signatories'
/// names, e-mail addresses, channels' contacts, time zones.
pub fn free_texts(a: &Agreement) -> Vec<(String, &Text)> {
    let mut v: Vec<(String, &Text)> = vec![
        ("meta.title".into(), &a.meta.title),
        ("meta.governing_law".into(), &a.meta.governing_law),
        ("meta.jurisdiction".into(), &a.meta.jurisdiction),
    ];
    for (who, p) in [
        ("provider", &a.parties.provider),
        ("customer", &a.parties.customer),
    ] {
        if let Some(c) = &p.notice_contact {
            v.push((format!("parties.{who}.notice_contact.name"), &c.name));
        }
        for (i, s) in p.signatories.iter().enumerate() {
            v.push((format!("parties.{who}.signatories[{i}].title"), &s.title));
        }
    }
    for (i, s) in a.services.iter().enumerate() {
        v.push((format!("services[{i}].name"), &s.name));
        v.push((format!("services[{i}].description"), &s.description));
        if let Some(av) = &s.availability {
            v.push((
                format!("services[{i}].availability.downtime_definition"),
                &av.downtime_definition,
            ));
            items(
                &mut v,
                &format!("services[{i}].availability.excluded"),
                &av.excluded,
            );
        }
    }
    for (i, c) in a.channels.iter().enumerate() {
        v.push((format!("channels[{i}].name"), &c.name));
    }
    for (i, c) in a.calendars.iter().enumerate() {
        v.push((format!("calendars[{i}].name"), &c.name));
        for (j, h) in c.holidays.dates.iter().enumerate() {
            v.push((format!("calendars[{i}].holidays.dates[{j}].name"), &h.name));
        }
        for (j, k) in c.closures.iter().enumerate() {
            v.push((format!("calendars[{i}].closures[{j}].reason"), &k.reason));
        }
    }
    for (i, p) in a.plans.iter().enumerate() {
        v.push((format!("plans[{i}].name"), &p.name));
        v.push((format!("plans[{i}].description"), &p.description));
    }
    for (i, p) in a.priorities.iter().enumerate() {
        v.push((format!("priorities[{i}].name"), &p.name));
        v.push((format!("priorities[{i}].definition"), &p.definition));
        items(&mut v, &format!("priorities[{i}].examples"), &p.examples);
    }
    for (i, t) in a.teams.iter().enumerate() {
        v.push((format!("teams[{i}].name"), &t.name));
        v.push((format!("teams[{i}].description"), &t.description));
    }
    for (i, o) in a.olas.iter().enumerate() {
        v.push((format!("olas[{i}].stage"), &o.stage));
    }
    if let Some(e) = &a.escalation {
        for (i, l) in e.levels.iter().enumerate() {
            v.push((format!("escalation.levels[{i}].to"), &l.to));
        }
    }
    let r = &a.responsibilities;
    items(&mut v, "responsibilities.provider", &r.provider);
    items(&mut v, "responsibilities.customer", &r.customer);
    for (i, e) in a.exclusions.iter().enumerate() {
        v.push((format!("exclusions[{i}].description"), &e.description));
    }
    for (i, p) in a.penalties.iter().enumerate() {
        v.push((format!("penalties[{i}].trigger"), &p.trigger));
        v.push((format!("penalties[{i}].per"), &p.per));
    }
    if let Some(r) = &a.reporting {
        items(&mut v, "reporting.content", &r.content);
        if let Some(c) = &r.steering_committee {
            items(&mut v, "reporting.steering_committee.members", &c.members);
        }
    }
    if let Some(r) = &a.revision {
        v.push(("revision.procedure".into(), &r.procedure));
    }
    if let Some(t) = &a.termination {
        items(&mut v, "termination.for_cause", &t.for_cause);
        items(&mut v, "termination.effects", &t.effects);
    }
    if let Some(n) = &a.breach_notification {
        v.push(("breach_notification.from".into(), &n.from));
        v.push(("breach_notification.to".into(), &n.to));
        v.push(("breach_notification.means".into(), &n.means));
    }
    if let Some(l) = &a.liability {
        items(&mut v, "liability.uncapped", &l.uncapped);
    }
    if let Some(s) = &a.security {
        items(&mut v, "security.measures", &s.measures);
        if let Some(b) = &s.backup {
            v.push(("security.backup.location".into(), &b.location));
        }
    }
    if let Some(c) = &a.continuity {
        v.push(("continuity.failover".into(), &c.failover));
    }
    if let Some(s) = &a.subcontracting {
        items(&mut v, "subcontracting.approved", &s.approved);
    }
    if let Some(p) = &a.precedence {
        v.push(("precedence.main_agreement".into(), &p.main_agreement));
        v.push(("precedence.term".into(), &p.term));
        items(&mut v, "precedence.matters", &p.matters);
    }
    v
}

/// Each item of a list of free texts at `path[i]`.
fn items<'a>(v: &mut Vec<(String, &'a Text)>, path: &str, list: &'a [Text]) {
    v.extend(
        list.iter()
            .enumerate()
            .map(|(i, t)| (format!("{path}[{i}]"), t)),
    );
}

/// Whether any free text of the agreement is written per language: the
/// agreement is meant to be printed in both.
pub fn is_bilingual(a: &Agreement) -> bool {
    free_texts(a).iter().any(|(_, t)| t.is_per_language())
}

/// A warning for each free-text field that has text but none in `lang`,
/// so that the contract in `lang` prints another language's text.
pub fn missing(a: &Agreement, lang: Language) -> Vec<Diagnostic> {
    let own = a.meta.language;
    free_texts(a)
        .into_iter()
        .filter(|(_, t)| t.lacks(lang, own))
        .map(|(path, _)| {
            // The path is the diagnostic's own: every front end prints it
            // beside the message, so the message does not repeat it.
            let message = format!(
                "the {} text is missing; the {} contract prints the {} one",
                lang.name(),
                lang.name(),
                lang.other().name()
            );
            Diagnostic::warning(MISSING_TRANSLATION, path, message)
        })
        .collect()
}

/// Adds the warnings for the languages judged (see the module's docs).
pub(super) fn run(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let own = a.meta.language;
    out.extend(missing(a, own));
    if is_bilingual(a) {
        out.extend(missing(a, own.other()));
    }
}
