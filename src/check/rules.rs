//! The rules, one function per part of the agreement.
//!
//! Each finding carries a stable kebab-case code, written where it is
//! found. [`IMPLAUSIBLE_PERCENT`] is shared with the scenario checks of
//! `sim::scenario`.

use std::collections::{BTreeMap, HashSet};

use chrono::Datelike;
use chrono_tz::Tz;

use super::Diagnostic;
use crate::clock::holidays::{FIRST_YEAR, LAST_YEAR};
use crate::model::*;

type Found = Vec<Diagnostic>;

pub(super) fn run(a: &Agreement, found: &mut Found) {
    meta(a, found);
    ids(a, found);
    let calendars = id_list(&a.calendars, |c| &c.id);
    for (i, s) in a.services.iter().enumerate() {
        service(s, &format!("services[{i}]"), &calendars, found);
    }
    for (i, c) in a.calendars.iter().enumerate() {
        calendar(c, &format!("calendars[{i}]"), found);
    }
    channels(a, found);
    plans(a, found);
    targets(a, found);
    olas(a, found);
    escalation(a, found);
    credits(a, found);
    credits_within_fee(a, found);
    terms(a, found);
    penalty_terms(a, found);
    clauses(a, found);
    contradictions(a, found);
}

/// The warning for a percentage that is valid but unlikely to be meant
/// (`implausible-percent`): an availability or objective below 50 %, a
/// shrinkage or occupancy above 60 %, credits that can exceed the fee, a
/// scenario's mix that does not add up to exactly 100 %. Most often a
/// figure written as a fraction (`0.999%`) or a slip of the keyboard, it
/// would otherwise reach the contract or the simulation without a word.
pub(crate) const IMPLAUSIBLE_PERCENT: &str = "implausible-percent";

/// Below this, an availability target or a compliance objective is almost
/// certainly a fraction written as a percentage (`0.999%` for 99.9 %).
pub(crate) const LOWEST_PLAUSIBLE_COMMITMENT: f64 = 50.0;

/// Above this, a shrinkage leaves agents so little time for tickets that it
/// is more likely a typing slip.
pub(crate) const HIGHEST_PLAUSIBLE_LOSS: f64 = 60.0;

/// Above this share an occupancy cap is unlikely to be meant: desks aim at
/// 80–90 %, and waits grow without bound as occupancy nears 100 %.
pub(crate) const HIGHEST_PLAUSIBLE_OCCUPANCY: f64 = 95.0;

/// The kinds of percentage with a plausible range beyond their valid one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PercentKind {
    /// A service's availability target.
    Availability,
    /// A compliance objective: the share of tickets that meet a target.
    Objective,
    /// The share of paid time agents are not available for tickets.
    Shrinkage,
    /// The share of available time agents spend on tickets.
    Occupancy,
}

/// Why a valid percentage is unlikely to be meant, or `None` when it is
/// plausible: an availability or objective below 50 %, a shrinkage or
/// occupancy above 60 %. Agreements, scenarios and the command line's
/// flags share it, so they say the same.
pub fn implausible_percent(kind: PercentKind, value: Percent) -> Option<String> {
    let v = value.value();
    let low = LOWEST_PLAUSIBLE_COMMITMENT;
    let high = HIGHEST_PLAUSIBLE_LOSS;
    let fraction_hint =
        format!("if {value} is a fraction, write it as a percentage (e.g. `0.95` is `95%`)");
    match kind {
        PercentKind::Availability if v > 0.0 && v < low => Some(format!(
            "an availability target of {value} is below {low}%: the service could be down more than half of the time without a breach, which is rarely meant; {fraction_hint}"
        )),
        PercentKind::Objective if v > 0.0 && v < low => Some(format!(
            "an objective of {value} is below {low}%: most tickets could miss the target without a breach, which is rarely meant; {fraction_hint}"
        )),
        PercentKind::Shrinkage if v > high => Some(format!(
            "a shrinkage of {value} is above {high}%: agents would spend less than {} of their paid time on tickets, which is rarely meant (shrinkage is typically 20% to 35%)",
            Percent::new(((100.0 - v) * 1e6).round() / 1e6)
        )),
        PercentKind::Occupancy if v > HIGHEST_PLAUSIBLE_OCCUPANCY => Some(format!(
            "an occupancy of {value} is above {HIGHEST_PLAUSIBLE_OCCUPANCY}%: agents would be busy more than {HIGHEST_PLAUSIBLE_OCCUPANCY}% of their available time, and waits grow without bound as occupancy nears 100% (desks aim at 80% to 90%); check that this is meant"
        )),
        _ => None,
    }
}

// ---------------------------------------------------------------- helpers

/// Warns when a valid percentage is unlikely to be meant.
fn plausible(found: &mut Found, path: String, value: Percent, kind: PercentKind) {
    if let Some(why) = implausible_percent(kind, value) {
        found.push(Diagnostic::warning(IMPLAUSIBLE_PERCENT, path, why));
    }
}

fn percent(found: &mut Found, path: String, value: Percent) {
    let v = value.value();
    if !(v > 0.0 && v <= 100.0) {
        found.push(Diagnostic::error(
            "percent-range",
            path,
            format!("{value} is outside the allowed range: a percentage here must be above 0% and at most 100%"),
        ));
    }
}

fn positive(found: &mut Found, path: String, value: Duration) {
    if !value.is_positive() {
        found.push(Diagnostic::error(
            "duration-not-positive",
            path,
            format!(
                "{value} is not a positive duration: write a length of time above zero, e.g. `4h`"
            ),
        ));
    }
}

fn positive_target(found: &mut Found, path: String, value: TargetTime) {
    if !value.is_positive() {
        found.push(Diagnostic::error(
            "duration-not-positive",
            path,
            format!("{value} is not a positive time: write a length of time above zero, e.g. `4h` or `2bd`"),
        ));
    }
}

fn time_zone(found: &mut Found, path: String, name: &str) {
    if name.parse::<Tz>().is_err() {
        found.push(Diagnostic::error(
            "unknown-time-zone",
            path,
            format!("`{name}` is not a known time zone: use an IANA name such as `Europe/Paris`, `America/New_York` or `UTC`"),
        ));
    }
}

fn text(found: &mut Found, path: String, value: &str, what: &str) {
    if value.trim().is_empty() {
        found.push(Diagnostic::error(
            "empty-text",
            path,
            format!("{what} is empty; the contract needs it"),
        ));
    }
}

/// Reports a free-text field with no text in any language.
fn free_text(found: &mut Found, path: String, value: &Text, what: &str) {
    if value.is_blank() {
        text(found, path, "", what);
    }
}

/// Reports a reference to an identifier that is not defined.
fn reference(found: &mut Found, path: String, id: &str, kind: &str, known: &[&str]) {
    if !known.contains(&id) {
        let list = if known.is_empty() {
            format!("no {kind} is defined")
        } else {
            format!(
                "the {kind}s defined are {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        found.push(Diagnostic::error(
            "unknown-reference",
            path,
            format!("there is no {kind} `{id}`: {list}"),
        ));
    }
}

fn id_list<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(id).collect()
}

// ------------------------------------------------------------------ parts

fn meta(a: &Agreement, found: &mut Found) {
    let m = &a.meta;
    free_text(found, "meta.title".into(), &m.title, "The title");
    text(
        found,
        "meta.reference".into(),
        &m.reference,
        "The reference",
    );
    free_text(
        found,
        "meta.governing_law".into(),
        &m.governing_law,
        "The governing law",
    );
    text(
        found,
        "parties.provider.legal_name".into(),
        &a.parties.provider.legal_name,
        "The provider's legal name",
    );
    text(
        found,
        "parties.customer.legal_name".into(),
        &a.parties.customer.legal_name,
        "The customer's legal name",
    );
    if m.currency.len() != 3 || !m.currency.bytes().all(|b| b.is_ascii_uppercase()) {
        found.push(Diagnostic::error(
            "currency",
            "meta.currency",
            format!("`{}` is not a currency code: use three capital letters (ISO 4217), e.g. `EUR`, `USD`, `GBP`", m.currency),
        ));
    }
    if m.monthly_fee.is_some_and(|fee| fee.cents() < 0) {
        found.push(Diagnostic::error(
            "negative-amount",
            "meta.monthly_fee",
            "the monthly fee cannot be negative",
        ));
    }
    if m.term.initial_months == 0 {
        found.push(Diagnostic::error(
            "term",
            "meta.term.initial_months",
            "the initial term must be at least one month",
        ));
    }
    if m.term.renewal_months == Some(0) {
        found.push(Diagnostic::error(
            "term",
            "meta.term.renewal_months",
            "a renewal must last at least one month",
        ));
    }
    for (section, list) in [
        ("services", a.services.is_empty()),
        ("plans", a.plans.is_empty()),
        ("priorities", a.priorities.is_empty()),
        ("calendars", a.calendars.is_empty()),
    ] {
        if list {
            found.push(Diagnostic::error(
                "empty-section",
                section,
                format!("`{section}` is empty; an agreement needs at least one"),
            ));
        }
    }
}

/// Identifiers must be unique within their kind, or references would be
/// ambiguous.
fn ids(a: &Agreement, found: &mut Found) {
    fn unique<'a>(found: &mut Found, section: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                found.push(Diagnostic::error(
                    "empty-text",
                    format!("{section}[{i}].id"),
                    "the identifier is empty",
                ));
            } else if !is_identifier(id) {
                // issue 12: the contract's clause anchors are built from
                // identifiers, so an identifier the export cannot use is
                // refused here, where the user sees where it is.
                found.push(Diagnostic::error(
                    "invalid-id",
                    format!("{section}[{i}].id"),
                    format!("`{id}` is not an identifier: use one word of letters, digits, `-`, `_` or `.`, starting with a letter or a digit, e.g. `premium` or `P1`"),
                ));
            } else if !seen.insert(id) {
                found.push(Diagnostic::error(
                    "duplicate-id",
                    format!("{section}[{i}].id"),
                    format!("`{id}` is already the identifier of another entry in `{section}`"),
                ));
            }
        }
    }
    unique(found, "services", a.services.iter().map(|x| x.id.as_str()));
    unique(found, "channels", a.channels.iter().map(|x| x.id.as_str()));
    unique(
        found,
        "calendars",
        a.calendars.iter().map(|x| x.id.as_str()),
    );
    unique(found, "plans", a.plans.iter().map(|x| x.id.as_str()));
    unique(
        found,
        "priorities",
        a.priorities.iter().map(|x| x.id.as_str()),
    );
    unique(found, "teams", a.teams.iter().map(|x| x.id.as_str()));
    unique(found, "olas", a.olas.iter().map(|x| x.id.as_str()));
    unique(found, "credits", a.credits.iter().map(|x| x.id.as_str()));
    for (i, p) in a.priorities.iter().enumerate() {
        free_text(
            found,
            format!("priorities[{i}].definition"),
            &p.definition,
            "The priority's definition",
        );
    }
}

fn service(s: &Service, path: &str, calendars: &[&str], found: &mut Found) {
    let Some(av) = &s.availability else { return };
    percent(found, format!("{path}.availability.target"), av.target);
    plausible(
        found,
        format!("{path}.availability.target"),
        av.target,
        PercentKind::Availability,
    );
    if let Some(cal) = &av.calendar {
        reference(
            found,
            format!("{path}.availability.calendar"),
            cal,
            "calendar",
            calendars,
        );
    }
    if let Some(m) = &av.maintenance {
        positive_target(
            found,
            format!("{path}.availability.maintenance.notice"),
            m.notice,
        );
        if let Some(max) = m.max_per_period {
            positive(
                found,
                format!("{path}.availability.maintenance.max_per_period"),
                max,
            );
        }
        if let Some(e) = &m.emergency {
            let epath = format!("{path}.availability.maintenance.emergency");
            if let Some(notice) = e.notice {
                positive_target(found, format!("{epath}.notice"), notice);
                if notice.is_positive() && shorter(m.notice, notice) == Some(true) {
                    found.push(Diagnostic::warning(
                        "emergency-notice-longer",
                        format!("{epath}.notice"),
                        format!(
                            "emergency maintenance is announced {notice} in advance, longer than the {} of planned maintenance: emergency work would wait longer than planned work; shorten it or leave it out (as soon as practicable)",
                            m.notice
                        ),
                    ));
                }
            }
            if let Some(max) = e.max_per_period {
                positive(found, format!("{epath}.max_per_period"), max);
            }
        }
        for (i, w) in m.windows.iter().enumerate() {
            let wpath = format!("{path}.availability.maintenance.windows[{i}]");
            positive(found, format!("{wpath}.duration"), w.duration);
            time_zone(found, format!("{wpath}.time_zone"), &w.time_zone);
            if w.start.minutes() >= 24 * 60 {
                found.push(Diagnostic::error(
                    "hours-inverted",
                    format!("{wpath}.start"),
                    "a window cannot start at 24:00",
                ));
            }
        }
    }
}

fn calendar(c: &Calendar, path: &str, found: &mut Found) {
    time_zone(found, format!("{path}.time_zone"), &c.time_zone);
    if let Hours::Weekly(week) = &c.hours {
        weekly_hours(week, &format!("{path}.hours"), found);
    }
    for (i, rule) in c.holidays.rules.iter().enumerate() {
        let rpath = format!("{path}.holidays.rules[{i}]");
        if rule.from > rule.to {
            found.push(Diagnostic::error(
                "holiday-years",
                format!("{rpath}.to"),
                format!("the years run backwards: from {} to {}", rule.from, rule.to),
            ));
        }
        for (field, year) in [("from", rule.from), ("to", rule.to)] {
            if !(1970..=2200).contains(&year) {
                found.push(Diagnostic::error(
                    "holiday-years",
                    format!("{rpath}.{field}"),
                    format!(
                        "{year} is outside the years Pledge computes holidays for (1970 to 2200)"
                    ),
                ));
            }
        }
    }
    // issue 12: the clock compiles a calendar over the years its holidays
    // and closures name, and refuses years it cannot compute; a date the
    // clock refuses is refused here first, with the same range. Accepting
    // any year instead would make the clock compile thousands of years of
    // weeks for a closure "until 9999-12-31", and no deadline computed in
    // a contract's life can reach past the covered range anyway: the range
    // is named so the user can write the closure's real end.
    let covered = FIRST_YEAR..=LAST_YEAR;
    let out_of_range = |date: &dyn std::fmt::Display| {
        format!("{date} is outside the years the business-hours clock covers ({FIRST_YEAR} to {LAST_YEAR})")
    };
    for (i, h) in c.holidays.dates.iter().enumerate() {
        if !covered.contains(&h.date.year()) {
            found.push(Diagnostic::error(
                "date-range",
                format!("{path}.holidays.dates[{i}].date"),
                out_of_range(&h.date),
            ));
        }
    }
    for (i, closure) in c.closures.iter().enumerate() {
        for (field, end) in [("from", closure.from), ("to", closure.to)] {
            if !covered.contains(&end.0.year()) {
                found.push(Diagnostic::error(
                    "date-range",
                    format!("{path}.closures[{i}].{field}"),
                    out_of_range(&end),
                ));
            }
        }
        if closure.to <= closure.from {
            found.push(Diagnostic::error(
                "closure-inverted",
                format!("{path}.closures[{i}].to"),
                format!(
                    "the closure ends ({}) before or when it starts ({})",
                    closure.to, closure.from
                ),
            ));
        }
    }
}

fn weekly_hours(week: &WeeklyHours, path: &str, found: &mut Found) {
    // Each interval as minutes from Monday 00:00, to find overlaps across
    // midnight and across the end of the week.
    let mut spans: Vec<(i32, i32, String)> = Vec::new();
    for (day, intervals) in week.days.iter().enumerate() {
        let key = DAY_KEYS[day];
        for (i, interval) in intervals.iter().enumerate() {
            let ipath = format!("{path}.{key}[{i}]");
            let length = interval.length_minutes();
            if interval.start.minutes() >= 24 * 60 {
                found.push(Diagnostic::error(
                    "hours-inverted",
                    ipath,
                    format!("{interval} starts at 24:00, the end of the day"),
                ));
                continue;
            }
            if length <= 0 {
                found.push(Diagnostic::error(
                    "hours-inverted",
                    ipath,
                    format!(
                        "{interval} ends before it starts; if it runs past midnight into the next day, mark it `+1`, e.g. `{}-{}+1`",
                        interval.start, interval.end
                    ),
                ));
                continue;
            }
            if length > 24 * 60 {
                found.push(Diagnostic::error(
                    "hours-inverted",
                    ipath,
                    format!("{interval} lasts more than 24 hours"),
                ));
                continue;
            }
            let start = day as i32 * 1440 + interval.start.minutes() as i32;
            spans.push((start, start + length, ipath));
        }
    }
    if spans.is_empty() {
        found.push(Diagnostic::error(
            "hours-empty",
            path.to_string(),
            "support never opens: give opening intervals for at least one day, or `24/7`",
        ));
        return;
    }
    spans.sort();
    const WEEK: i32 = 7 * 1440;
    let last = spans.len() - 1;
    for i in 0..spans.len() {
        let end = spans[i].1;
        // The next interval, wrapping round the week (Sunday night into Monday).
        let (next_start, next_path) = if i < last {
            (spans[i + 1].0, &spans[i + 1].2)
        } else {
            (spans[0].0 + WEEK, &spans[0].2)
        };
        if spans.len() > 1 && end > next_start {
            found.push(Diagnostic::error(
                "hours-overlap",
                next_path.clone(),
                format!(
                    "this interval overlaps the one at `{}`; opening intervals must not overlap",
                    spans[i].2
                ),
            ));
        }
    }
}

/// A rule for abandoned contacts belongs to a live channel: nobody hangs
/// up on an e-mail or a portal form.
fn channels(a: &Agreement, found: &mut Found) {
    for (i, c) in a.channels.iter().enumerate() {
        if c.abandoned.is_some() && !c.is_live() {
            found.push(Diagnostic::error(
                "abandoned-not-live",
                format!("channels[{i}].abandoned"),
                format!(
                    "`{}` is not a live channel: only phone and chat contacts can be abandoned before an answer; remove `abandoned`",
                    c.id
                ),
            ));
        }
    }
}

fn plans(a: &Agreement, found: &mut Found) {
    let calendars = id_list(&a.calendars, |c| &c.id);
    let channels = id_list(&a.channels, |c| &c.id);
    for (i, plan) in a.plans.iter().enumerate() {
        reference(
            found,
            format!("plans[{i}].calendar"),
            &plan.calendar,
            "calendar",
            &calendars,
        );
        for (j, ch) in plan.channels.iter().enumerate() {
            reference(
                found,
                format!("plans[{i}].channels[{j}]"),
                ch,
                "channel",
                &channels,
            );
        }
    }
}

fn targets(a: &Agreement, found: &mut Found) {
    let plans = id_list(&a.plans, |p| &p.id);
    let priorities = id_list(&a.priorities, |p| &p.id);
    let channels = id_list(&a.channels, |c| &c.id);
    let calendars = id_list(&a.calendars, |c| &c.id);
    let mut rows: BTreeMap<(&str, &str, Option<&str>), usize> = BTreeMap::new();

    for (i, t) in a.targets.iter().enumerate() {
        let path = format!("targets[{i}]");
        reference(found, format!("{path}.plan"), &t.plan, "plan", &plans);
        reference(
            found,
            format!("{path}.priority"),
            &t.priority,
            "priority",
            &priorities,
        );
        if let Some(ch) = &t.channel {
            reference(found, format!("{path}.channel"), ch, "channel", &channels);
            if let Some(plan) = a.plan(&t.plan) {
                if !plan.channels.is_empty()
                    && !plan.channels.contains(ch)
                    && channels.contains(&ch.as_str())
                {
                    found.push(Diagnostic::warning(
                        "channel-not-in-plan",
                        format!("{path}.channel"),
                        format!(
                            "plan `{}` does not offer channel `{ch}`, so this target can never apply; add the channel to the plan or remove the row",
                            plan.id
                        ),
                    ));
                }
            }
        }
        if let Some(cal) = &t.calendar {
            reference(
                found,
                format!("{path}.calendar"),
                cal,
                "calendar",
                &calendars,
            );
        }
        if let Some(first) = rows.insert((&t.plan, &t.priority, t.channel.as_deref()), i) {
            found.push(Diagnostic::error(
                "duplicate-target",
                path.clone(),
                format!(
                    "targets[{first}] already sets the targets of this plan, priority and channel"
                ),
            ));
        }
        percent(found, format!("{path}.objective"), t.objective);
        plausible(
            found,
            format!("{path}.objective"),
            t.objective,
            PercentKind::Objective,
        );
        if t.metrics().next().is_none() {
            found.push(Diagnostic::error(
                "empty-target",
                path.clone(),
                "the row sets no target: give at least one of first_response, next_response, periodic_update, resolution",
            ));
        }
        let calendar = a.target_calendar(t);
        for (metric, m) in t.metrics() {
            let mpath = format!("{path}.{}", metric.key());
            positive_target(found, format!("{mpath}.within"), m.within);
            if let Some(objective) = m.objective {
                percent(found, format!("{mpath}.objective"), objective);
                plausible(
                    found,
                    format!("{mpath}.objective"),
                    objective,
                    PercentKind::Objective,
                );
            }
            if let Some(internal) = m.internal {
                positive_target(found, format!("{mpath}.internal"), internal);
                if let Some(false) = shorter(internal, m.within) {
                    found.push(Diagnostic::error(
                        "internal-not-stricter",
                        format!("{mpath}.internal"),
                        format!(
                            "the internal target ({internal}) must be shorter than the contractual one ({}): it is the safety margin that warns the team before the customer's target is missed",
                            m.within
                        ),
                    ));
                }
            }
            let basis = m.hours.unwrap_or(t.hours);
            if basis == ClockBasis::Business {
                if let Some(cal) = calendar.filter(|c| c.hours == Hours::Always) {
                    found.push(Diagnostic::warning(
                        "business-hours-on-24x7",
                        format!("{mpath}.within"),
                        format!(
                            "this target counts business hours on calendar `{}`, which is open 24/7: the contract would promise \"business hours\" that are in fact calendar hours; write `hours: calendar` to say what is meant",
                            cal.id
                        ),
                    ));
                }
            }
            if matches!(m.within, TargetTime::BusinessDays(_)) && basis == ClockBasis::Calendar {
                found.push(Diagnostic::error(
                    "business-days-on-calendar-clock",
                    format!("{mpath}.within"),
                    "a target in business days (`bd`) cannot count calendar hours: write it as a duration such as `2d`, or use `hours: business`",
                ));
            }
        }
        if let (Some(first), Some(resolution)) = (&t.first_response, &t.resolution) {
            if let Some(true) = shorter(resolution.within, first.within)
                .map(|s| s || resolution.within == first.within)
            {
                found.push(Diagnostic::error(
                    "resolution-before-response",
                    format!("{path}.resolution.within"),
                    format!(
                        "resolution ({}) must take longer than the first response ({}): a ticket is answered before it is resolved",
                        resolution.within, first.within
                    ),
                ));
            }
        }
    }

    for (i, p) in a.priorities.iter().enumerate() {
        if !a.targets.iter().any(|t| t.priority == p.id) {
            found.push(Diagnostic::error(
                "priority-without-target",
                format!("priorities[{i}]"),
                format!("priority `{}` has no target in `targets`: the contract would define a level it promises nothing for", p.id),
            ));
            continue;
        }
        for plan in &a.plans {
            if !a
                .targets
                .iter()
                .any(|t| t.priority == p.id && t.plan == plan.id)
            {
                found.push(Diagnostic::warning(
                    "plan-priority-without-target",
                    format!("priorities[{i}]"),
                    format!(
                        "plan `{}` has no target for priority `{}`: customers on that plan get no commitment at that level; add a row or say so in the plan's description",
                        plan.id, p.id
                    ),
                ));
            }
        }
    }
}

/// Whether `a` is shorter than `b`, when the two can be compared (both
/// durations, or both business days).
/// Whether `a` is shorter than `b`; none when one counts business days and
/// the other a duration (they cannot be compared without a calendar).
pub(crate) fn shorter(a: TargetTime, b: TargetTime) -> Option<bool> {
    match (a, b) {
        (TargetTime::Elapsed(x), TargetTime::Elapsed(y)) => Some(x < y),
        (TargetTime::BusinessDays(x), TargetTime::BusinessDays(y)) => Some(x < y),
        _ => None,
    }
}

fn olas(a: &Agreement, found: &mut Found) {
    let teams = id_list(&a.teams, |t| &t.id);
    let calendars = id_list(&a.calendars, |c| &c.id);
    let priorities = id_list(&a.priorities, |p| &p.id);
    let plans = id_list(&a.plans, |p| &p.id);
    for (i, ola) in a.olas.iter().enumerate() {
        let path = format!("olas[{i}]");
        reference(found, format!("{path}.team"), &ola.team, "team", &teams);
        if let Some(cal) = &ola.calendar {
            reference(
                found,
                format!("{path}.calendar"),
                cal,
                "calendar",
                &calendars,
            );
        }
        reference(
            found,
            format!("{path}.serves.priority"),
            &ola.serves.priority,
            "priority",
            &priorities,
        );
        if let Some(plan) = &ola.serves.plan {
            reference(found, format!("{path}.serves.plan"), plan, "plan", &plans);
        }
        positive_target(found, format!("{path}.within"), ola.within);
        free_text(found, format!("{path}.stage"), &ola.stage, "The stage");
    }

    // The stages serving one target run one after the other, so together
    // they must fit within it.
    let mut chains: BTreeMap<(&str, Option<&str>, Metric), Vec<usize>> = BTreeMap::new();
    for (i, ola) in a.olas.iter().enumerate() {
        chains
            .entry((
                &ola.serves.priority,
                ola.serves.plan.as_deref(),
                ola.serves.metric,
            ))
            .or_default()
            .push(i);
    }
    for ((priority, plan, metric), members) in chains {
        let Some(total) = chain_total(members.iter().map(|&i| a.olas[i].within)) else {
            continue;
        };
        for t in a
            .targets
            .iter()
            .filter(|t| t.priority == priority && plan.is_none_or(|p| p == t.plan))
        {
            let Some(sla) = t.metric(metric).map(|m| m.within) else {
                continue;
            };
            if shorter(sla, total) == Some(true) {
                let stages: Vec<String> = members
                    .iter()
                    .map(|&i| {
                        let own = a.meta.language;
                        format!("{} {}", a.olas[i].stage.get(own, own), a.olas[i].within)
                    })
                    .collect();
                found.push(Diagnostic::error(
                    "ola-exceeds-sla",
                    format!("olas[{}].within", members[members.len() - 1]),
                    format!(
                        "the internal stages ({}) add up to {total}, more than the {sla} {} target they serve for {priority} on plan `{}`: the chain cannot hold the customer's SLA",
                        stages.join(" + "),
                        metric.key().replace('_', " "),
                        t.plan
                    ),
                ));
            }
        }
    }
}

/// The total of stages that run one after the other, when they are all
/// durations or all business days (a mixed chain cannot be added up
/// without a calendar).
fn chain_total(stages: impl Iterator<Item = TargetTime>) -> Option<TargetTime> {
    stages.map(Some).reduce(|a, b| match (a?, b?) {
        (TargetTime::Elapsed(x), TargetTime::Elapsed(y)) => Some(TargetTime::Elapsed(x + y)),
        (TargetTime::BusinessDays(x), TargetTime::BusinessDays(y)) => {
            Some(TargetTime::BusinessDays(x + y))
        }
        _ => None,
    })?
}

fn escalation(a: &Agreement, found: &mut Found) {
    let Some(e) = &a.escalation else { return };
    let priorities = id_list(&a.priorities, |p| &p.id);
    if let Some(w) = e.warn_at {
        percent(found, "escalation.warn_at".into(), w);
    }
    for (i, level) in e.levels.iter().enumerate() {
        let path = format!("escalation.levels[{i}]");
        free_text(
            found,
            format!("{path}.to"),
            &level.to,
            "Whom to escalate to",
        );
        match level.when {
            EscalationWhen::Elapsed(p) => percent(found, format!("{path}.when.elapsed"), p),
            EscalationWhen::AfterBreach(d) if d.as_seconds() < 0 => found.push(Diagnostic::error(
                "duration-not-positive",
                format!("{path}.when.after_breach"),
                format!("{d} is negative: for a step before the breach, write `elapsed:` with a share of the target, e.g. `90%`"),
            )),
            EscalationWhen::AfterBreach(_) => {}
        }
        for (j, p) in level.priorities.iter().enumerate() {
            reference(
                found,
                format!("{path}.priorities[{j}]"),
                p,
                "priority",
                &priorities,
            );
        }
    }
}

fn credits(a: &Agreement, found: &mut Found) {
    let services = id_list(&a.services, |s| &s.id);
    let priorities = id_list(&a.priorities, |p| &p.id);
    let plans = id_list(&a.plans, |p| &p.id);
    if !a.credits.is_empty() && a.meta.monthly_fee.is_none() {
        found.push(Diagnostic::warning(
            "credits-without-fee",
            "meta",
            "service credits are a share of the monthly fee, but `meta.monthly_fee` is not given: the credits cannot be turned into amounts",
        ));
    }
    for (i, c) in a.credits.iter().enumerate() {
        let path = format!("credits[{i}]");
        match &c.basis {
            CreditBasis::Availability { service } => {
                reference(
                    found,
                    format!("{path}.basis.availability.service"),
                    service,
                    "service",
                    &services,
                );
                if a.services
                    .iter()
                    .any(|s| &s.id == service && s.availability.is_none())
                {
                    found.push(Diagnostic::error(
                        "credits-without-commitment",
                        format!("{path}.basis.availability.service"),
                        format!("service `{service}` has no availability commitment for these credits to measure against"),
                    ));
                }
            }
            CreditBasis::Compliance {
                priorities: list,
                plans: plan_list,
                ..
            } => {
                for (j, p) in list.iter().enumerate() {
                    reference(
                        found,
                        format!("{path}.basis.compliance.priorities[{j}]"),
                        p,
                        "priority",
                        &priorities,
                    );
                }
                for (j, p) in plan_list.iter().enumerate() {
                    reference(
                        found,
                        format!("{path}.basis.compliance.plans[{j}]"),
                        p,
                        "plan",
                        &plans,
                    );
                }
            }
        }
        if c.tiers.is_empty() {
            found.push(Diagnostic::error(
                "credit-tiers-empty",
                format!("{path}.tiers"),
                "a credit schedule needs at least one tier",
            ));
        }
        for (j, tier) in c.tiers.iter().enumerate() {
            percent(found, format!("{path}.tiers[{j}].below"), tier.below);
            percent(found, format!("{path}.tiers[{j}].credit"), tier.credit);
        }
        for j in 1..c.tiers.len() {
            let (prev, tier) = (&c.tiers[j - 1], &c.tiers[j]);
            if tier.below >= prev.below {
                found.push(Diagnostic::error(
                    "credit-tiers-not-monotonic",
                    format!("{path}.tiers[{j}].below"),
                    format!(
                        "tiers must go from the highest threshold to the lowest: {} comes after {}",
                        tier.below, prev.below
                    ),
                ));
            } else if tier.credit <= prev.credit {
                found.push(Diagnostic::error(
                    "credit-tiers-not-monotonic",
                    format!("{path}.tiers[{j}].credit"),
                    format!(
                        "a worse level must earn a larger credit: below {} the credit is {}, not more than the {} owed below {}",
                        tier.below, tier.credit, prev.credit, prev.below
                    ),
                ));
            }
        }
        if let Some(cap) = c.cap {
            percent(found, format!("{path}.cap"), cap);
        }
        if let Some(w) = c.claim_window {
            positive(found, format!("{path}.claim_window"), w);
        }
        if let Some(cf) = &c.chronic_failure {
            if cf.missed == 0 || cf.window < cf.missed {
                found.push(Diagnostic::error(
                    "chronic-failure",
                    format!("{path}.chronic_failure"),
                    format!(
                        "`missed: {}` out of `window: {}` is impossible: missed must be at least 1 and at most the window",
                        cf.missed, cf.window
                    ),
                ));
            }
        }
    }
}

/// Schedules add up (`crate::credits`), so several of them can together owe
/// more than the month's fee even when each tier is at most 100 %.
fn credits_within_fee(a: &Agreement, found: &mut Found) {
    // Millionths of a percent, so that the total is exact to the digits a
    // file can hold.
    let micro = |p: Percent| (p.value() * 1e6).round() as i64;
    let mut total = 0_i64;
    let mut parts = Vec::new();
    for (i, c) in a.credits.iter().enumerate() {
        let in_range = |p: &Percent| p.value() > 0.0 && p.value() <= 100.0;
        let highest = c
            .tiers
            .iter()
            .map(|t| t.credit)
            .filter(in_range)
            .map(micro)
            .max()
            .unwrap_or(0);
        let most = match c.cap.filter(in_range) {
            Some(cap) => highest.min(micro(cap)),
            None => highest,
        };
        total += most;
        parts.push(format!(
            "credits[{i}] up to {}",
            Percent::new(most as f64 / 1e6)
        ));
    }
    if total > micro(Percent::new(100.0)) {
        found.push(Diagnostic::warning(
            IMPLAUSIBLE_PERCENT,
            "credits",
            format!(
                "the credit schedules add up, and together they can owe {} of the monthly fee in one month ({}): more than the fee itself; give them caps that add up to at most 100%",
                Percent::new(total as f64 / 1e6),
                parts.join(", ")
            ),
        ));
    }
}

fn terms(a: &Agreement, found: &mut Found) {
    for (i, p) in a.penalties.iter().enumerate() {
        let path = format!("penalties[{i}]");
        if let Some(share) = p.share_of_fee {
            percent(found, format!("{path}.share_of_fee"), share);
        }
        if p.amount.is_none() && p.share_of_fee.is_none() {
            found.push(Diagnostic::error(
                "penalty-without-amount",
                path.clone(),
                "the penalty gives neither `amount` nor `share_of_fee`",
            ));
        }
        if p.amount.is_some_and(|m| m.cents() <= 0) {
            found.push(Diagnostic::error(
                "negative-amount",
                format!("{path}.amount"),
                "a penalty amount must be above zero",
            ));
        }
        if p.cap.is_some_and(|m| m.cents() <= 0) {
            found.push(Diagnostic::error(
                "negative-amount",
                format!("{path}.cap"),
                "a penalty cap must be above zero",
            ));
        }
    }
    if let Some(r) = &a.reporting {
        if let Some(d) = r.delivered_within {
            positive_target(found, "reporting.delivered_within".into(), d);
        }
    }
    if let Some(r) = &a.revision {
        positive_target(found, "revision.notice".into(), r.notice);
    }
    if let Some(t) = &a.termination {
        positive(found, "termination.notice".into(), t.notice);
        if !(1..=MAX_CURE_DAYS).contains(&t.cure_days) {
            found.push(Diagnostic::error(
                "cure-period-range",
                "termination.cure_days",
                format!(
                    "a cure period of {} days is outside the allowed range: the party in breach needs at least 1 day to remedy it, and at most {MAX_CURE_DAYS} days keeps termination for cause a remedy (the default is {DEFAULT_CURE_DAYS})",
                    t.cure_days
                ),
            ));
        }
        for (i, c) in t.for_cause.iter().enumerate() {
            free_text(
                found,
                format!("termination.for_cause[{i}]"),
                c,
                "a ground for termination",
            );
        }
    }
}

fn positive_amount(found: &mut Found, path: String, value: Money, what: &str) {
    if value.cents() <= 0 {
        found.push(Diagnostic::error(
            "negative-amount",
            path,
            format!("{what} must be above zero"),
        ));
    }
}

/// The overall cap of the penalties: a share of the monthly fee needs the
/// fee, terms without a cap leave the exposure open, and a cap is only
/// meaningful with penalties to cap.
fn penalty_terms(a: &Agreement, found: &mut Found) {
    // Without `penalty_terms` the contract says nothing of a cap or of the
    // penalties' nature, as agreements written before it did.
    let Some(t) = &a.penalty_terms else {
        return;
    };
    if a.penalties.is_empty() {
        found.push(Diagnostic::warning(
            "penalty-terms-unused",
            "penalty_terms",
            "`penalty_terms` is set but the agreement has no `penalties`: the contract prints nothing of it",
        ));
    }
    match t.cap {
        Some(PenaltyCap::ShareOfFee(share)) => {
            percent(found, "penalty_terms.cap.share_of_fee".into(), share);
            if a.meta.monthly_fee.is_none() {
                found.push(Diagnostic::error(
                    "cap-without-fee",
                    "penalty_terms.cap.share_of_fee",
                    "a cap as a share of the monthly fee needs `meta.monthly_fee`; give the fee or write the cap as `amount`",
                ));
            }
        }
        Some(PenaltyCap::Amount(m)) => {
            positive_amount(found, "penalty_terms.cap.amount".into(), m, "a penalty cap");
        }
        None => found.push(Diagnostic::warning(
            "penalties-uncapped",
            "penalty_terms.cap",
            "the penalties have no overall cap, so the Provider's exposure is open: give `cap` a share of the monthly fee or an amount per month",
        )),
    }
}

/// The optional clauses: each value that the contract prints must make sense.
fn clauses(a: &Agreement, found: &mut Found) {
    if let Some(n) = &a.breach_notification {
        free_text(
            found,
            "breach_notification.to".into(),
            &n.to,
            "whom the breach notice goes to",
        );
        free_text(
            found,
            "breach_notification.means".into(),
            &n.means,
            "how the breach notice is sent",
        );
        positive_target(found, "breach_notification.within".into(), n.within);
    }
    if let Some(l) = &a.liability {
        match l.cap {
            Some(LiabilityCap::MonthsOfFees(months)) if !(1..=MAX_CAP_MONTHS).contains(&months) => {
                found.push(Diagnostic::error(
                    "liability-cap-range",
                    "liability.cap.months_of_fees",
                    format!("a cap of {months} months of fees is outside the allowed range: write from 1 to {MAX_CAP_MONTHS} months (12 is usual)"),
                ));
            }
            Some(LiabilityCap::Amount(m)) => {
                positive_amount(found, "liability.cap.amount".into(), m, "a liability cap");
            }
            _ => {}
        }
        for (i, u) in l.uncapped.iter().enumerate() {
            free_text(
                found,
                format!("liability.uncapped[{i}]"),
                u,
                "a case outside the cap",
            );
        }
    }
    if let Some(s) = &a.security {
        for (i, m) in s.measures.iter().enumerate() {
            free_text(
                found,
                format!("security.measures[{i}]"),
                m,
                "a security measure",
            );
        }
        if let Some(b) = &s.backup {
            positive(found, "security.backup.every".into(), b.every);
            positive(found, "security.backup.retention".into(), b.retention);
            if b.every.is_positive() && b.retention.is_positive() && b.retention < b.every {
                found.push(Diagnostic::error(
                    "backup-retention-short",
                    "security.backup.retention",
                    format!(
                        "backups taken every {} but kept only {} leave times with no backup at all: keep each at least until the next one",
                        b.every, b.retention
                    ),
                ));
            }
        }
    }
    if let Some(c) = &a.continuity {
        if let Some(d) = c.recovery_time {
            positive(found, "continuity.recovery_time".into(), d);
        }
        if let Some(d) = c.recovery_point {
            positive(found, "continuity.recovery_point".into(), d);
        }
    }
    if let Some(s) = &a.subcontracting {
        match (s.rule, s.notice) {
            (SubcontractingRule::Notice, None) => found.push(Diagnostic::error(
                "subcontracting-notice",
                "subcontracting.notice",
                "`rule: notice` needs `notice`: how long before a new subcontractor starts the Customer is told (e.g. `30d`)",
            )),
            (SubcontractingRule::Notice, Some(d)) => {
                positive(found, "subcontracting.notice".into(), d);
            }
            (_, Some(_)) => found.push(Diagnostic::warning(
                "subcontracting-notice",
                "subcontracting.notice",
                "`notice` applies only with `rule: notice`; the contract does not print it",
            )),
            (_, None) => {}
        }
        for (i, n) in s.approved.iter().enumerate() {
            free_text(
                found,
                format!("subcontracting.approved[{i}]"),
                n,
                "an approved subcontractor",
            );
        }
    }
    if let Some(p) = &a.precedence {
        free_text(
            found,
            "precedence.main_agreement".into(),
            &p.main_agreement,
            "the main agreement",
        );
    }
}

/// Whether `text` names one of `words` as a whole word, ignoring case.
fn mentions(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| words.contains(&w))
}

/// Words that name emergency maintenance or work, in English and French.
const EMERGENCY_WORDS: [&str; 4] = ["emergency", "urgent", "urgence", "urgente"];

/// Words that point to an annex or appendix of the agreement.
const ANNEX_WORDS: [&str; 6] = [
    "annex", "annexed", "appendix", "annexe", "annexé", "annexée",
];

/// Contradictions the model can show: an exclusion that excuses emergency
/// maintenance when the maintenance rules have none, and free text that
/// relies on an annex the agreement does not carry (an agreement has no
/// annexes: everything it says is in its fields).
fn contradictions(a: &Agreement, found: &mut Found) {
    let emergency_rule = a.services.iter().any(|s| {
        s.availability
            .as_ref()
            .and_then(|av| av.maintenance.as_ref())
            .is_some_and(|m| m.emergency.is_some())
    });
    // A text per language is judged in each of its languages.
    let every = |t: &Text| t.texts().collect::<Vec<_>>().join("\n");
    let mut excusing: Vec<(String, String)> = Vec::new();
    for (i, e) in a.exclusions.iter().enumerate() {
        excusing.push((
            format!("exclusions[{i}].description"),
            every(&e.description),
        ));
    }
    for (i, s) in a.services.iter().enumerate() {
        if let Some(av) = &s.availability {
            for (j, x) in av.excluded.iter().enumerate() {
                excusing.push((
                    format!("services[{i}].availability.excluded[{j}]"),
                    every(x),
                ));
            }
        }
    }
    if !emergency_rule {
        for (path, text) in &excusing {
            if mentions(text, &EMERGENCY_WORDS) {
                found.push(Diagnostic::warning(
                    "emergency-maintenance-undefined",
                    path.clone(),
                    "this text excuses emergency maintenance, but no service's maintenance has an emergency rule, so the availability clause excuses only planned maintenance announced in advance and the two contradict each other: add `maintenance.emergency` (its notice and limit) to the service, or remove emergency maintenance from this text",
                ));
            }
        }
    }
    let mut free: Vec<(String, String)> = excusing;
    for (i, r) in a.responsibilities.provider.iter().enumerate() {
        free.push((format!("responsibilities.provider[{i}]"), every(r)));
    }
    for (i, r) in a.responsibilities.customer.iter().enumerate() {
        free.push((format!("responsibilities.customer[{i}]"), every(r)));
    }
    for (i, p) in a.penalties.iter().enumerate() {
        free.push((format!("penalties[{i}].trigger"), every(&p.trigger)));
    }
    if let Some(r) = &a.revision {
        free.push(("revision.procedure".into(), every(&r.procedure)));
    }
    if let Some(t) = &a.termination {
        for (i, c) in t.for_cause.iter().enumerate() {
            free.push((format!("termination.for_cause[{i}]"), every(c)));
        }
        for (i, e) in t.effects.iter().enumerate() {
            free.push((format!("termination.effects[{i}]"), every(e)));
        }
    }
    for (i, s) in a.services.iter().enumerate() {
        free.push((format!("services[{i}].description"), every(&s.description)));
    }
    for (path, text) in free {
        if mentions(&text, &ANNEX_WORDS) {
            found.push(Diagnostic::warning(
                "missing-annex",
                path,
                "this text refers to an annex, but the agreement has none: the contract would point to a document that is not there; name the document itself, or put what the annex would say in the agreement",
            ));
        }
    }
}
