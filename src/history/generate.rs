//! Synthetic ticket histories with known true parameters, written as each
//! helpdesk exports them: for tests (what is measured or fitted on them can
//! be checked against the truth), demonstrations and benchmarks.
//!
//! Tickets arrive as a Poisson process whose rate follows an hour-of-week
//! shape; each draws its organisation (and so its plan), priority and
//! channel independently from the mix. The first reply is driven by the
//! staffing: agents on shift in that hour of the week take tickets first
//! come, first served, each spending an exponential first-touch time, so
//! replies slow down when few agents are on and queue over closed hours.
//! Resolution follows the first reply after a log-normal handle time, plus,
//! for a share of tickets, a period waiting on the customer (`pending`),
//! which the status-change log records. Every time is a whole minute, so
//! each export format (Jira's is to the minute) carries it exactly. The
//! same parameters and seed give the same history, byte for byte.

use std::io::{self, Write};

use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, LogNormal, Poisson};

use super::formats::Format;
use super::time::jira_text;
use super::{StatusChange, Ticket, Value};

/// An organisation of the synthetic history and the plan it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    /// Its name, as the export writes it.
    pub name: String,
    /// Its plan (the agreement's id).
    pub plan: String,
    /// Its share of the tickets (relative weight).
    pub weight: f64,
}

/// The true parameters a history is drawn from.
#[derive(Debug, Clone, PartialEq)]
pub struct TrueParameters {
    /// The first instant (a Monday, 00:00 UTC).
    pub start: DateTime<Utc>,
    /// How many weeks the history covers; the export is taken at the end.
    pub weeks: u32,
    /// Expected tickets per week.
    pub tickets_per_week: f64,
    /// Relative arrival weight of each hour of the week (UTC), Monday
    /// 00:00–01:00 first.
    pub hour_of_week: [f64; 168],
    /// Organisations and their weights.
    pub organisations: Vec<Organisation>,
    /// Priorities (`urgent`, `high`, `normal`, `low`) and their weights.
    pub priorities: Vec<(String, f64)>,
    /// Channels (`email`, `web`, `chat`, `phone`) and their weights.
    pub channels: Vec<(String, f64)>,
    /// Agents taking first replies in each hour of the week.
    pub staffing: [u32; 168],
    /// Mean agent time before the first reply, in minutes (exponential).
    pub first_touch_minutes: f64,
    /// Median handle time from first reply to resolution, in minutes
    /// (log-normal).
    pub handle_median_minutes: f64,
    /// The log-normal's σ (of the natural logarithm).
    pub handle_sigma: f64,
    /// The share of tickets that wait on the customer once.
    pub pending_share: f64,
    /// Mean wait on the customer, in minutes (exponential).
    pub pending_mean_minutes: f64,
}

impl TrueParameters {
    /// A European support desk: tickets on weekdays from 08:00 to 18:00
    /// UTC with a Monday-morning peak and a trickle at night and at
    /// weekends; four agents on weekdays 08:00–18:00, one in the evening,
    /// none at night and at weekends.
    pub fn realistic(weeks: u32, tickets_per_week: f64) -> Self {
        let mut hour_of_week = [0.0; 168];
        let mut staffing = [0u32; 168];
        for (h, (weight, agents)) in hour_of_week.iter_mut().zip(staffing.iter_mut()).enumerate() {
            let (day, hour) = (h / 24, h % 24);
            let weekday = day < 5;
            *weight = match (weekday, hour) {
                (true, 8..=11) => 10.0,
                (true, 12..=13) => 6.0,
                (true, 14..=17) => 8.0,
                (true, 18..=21) => 2.0,
                (true, _) => 0.5,
                (false, 9..=18) => 1.0,
                (false, _) => 0.3,
            };
            if day == 0 && (8..=11).contains(&hour) {
                *weight = 16.0;
            }
            *agents = match (weekday, hour) {
                (true, 8..=17) => 4,
                (true, 18..=21) => 1,
                _ => 0,
            };
        }
        let org = |name: &str, plan: &str, weight: f64| Organisation {
            name: name.into(),
            plan: plan.into(),
            weight,
        };
        TrueParameters {
            start: Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0).unwrap(),
            weeks,
            tickets_per_week,
            hour_of_week,
            organisations: vec![
                org("Acme Corp", "premium", 3.0),
                org("Globex", "standard", 4.0),
                org("Hooli, Inc.", "standard", 2.0),
                org("Crème Brûlée SARL", "basic", 1.0),
            ],
            priorities: vec![
                ("urgent".into(), 0.05),
                ("high".into(), 0.2),
                ("normal".into(), 0.55),
                ("low".into(), 0.2),
            ],
            channels: vec![
                ("email".into(), 0.5),
                ("web".into(), 0.3),
                ("chat".into(), 0.15),
                ("phone".into(), 0.05),
            ],
            staffing,
            first_touch_minutes: 12.0,
            handle_median_minutes: 240.0,
            handle_sigma: 1.0,
            pending_share: 0.3,
            pending_mean_minutes: 600.0,
        }
    }

    /// The instant the export is taken.
    pub fn end(&self) -> DateTime<Utc> {
        self.start + Duration::weeks(i64::from(self.weeks))
    }

    /// Expected tickets created in one hour of the week.
    pub fn arrival_rate(&self, hour_of_week: usize) -> f64 {
        let total: f64 = self.hour_of_week.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        self.tickets_per_week * self.hour_of_week[hour_of_week % 168] / total
    }
}

/// One generated ticket, in the generator's own terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedTicket {
    /// Its sequence number, from 1.
    pub number: u64,
    /// Creation.
    pub created: DateTime<Utc>,
    /// First reply, if before the export.
    pub first_response: Option<DateTime<Utc>>,
    /// Resolution, if before the export.
    pub resolved: Option<DateTime<Utc>>,
    /// Index into [`TrueParameters::organisations`].
    pub organisation: usize,
    /// Index into [`TrueParameters::priorities`].
    pub priority: usize,
    /// Index into [`TrueParameters::channels`].
    pub channel: usize,
    /// The wait on the customer, if any started before the export (its end
    /// `None` when still waiting then).
    pub pending: Option<(DateTime<Utc>, Option<DateTime<Utc>>)>,
}

fn pick(rng: &mut ChaCha8Rng, weights: impl Iterator<Item = f64> + Clone) -> usize {
    let total: f64 = weights.clone().sum();
    let mut x = rng.random::<f64>() * total;
    let mut last = 0;
    for (i, w) in weights.enumerate() {
        last = i;
        if x < w {
            return i;
        }
        x -= w;
    }
    last
}

/// The tickets of a history, in order of creation, drawn lazily: memory
/// stays constant however many weeks are asked for.
pub struct Tickets<'a> {
    params: &'a TrueParameters,
    rng: ChaCha8Rng,
    /// The hour being filled, from the start.
    hour: i64,
    /// Minutes (from the start) of the current hour's arrivals, latest first.
    pending_arrivals: Vec<i64>,
    /// When each agent is next free, in minutes from the start.
    free: Vec<i64>,
    number: u64,
    end: i64,
    touch: Option<Exp<f64>>,
    handle: Option<LogNormal<f64>>,
    wait: Option<Exp<f64>>,
}

/// Draws the tickets of `params` with `seed`.
pub fn tickets(params: &TrueParameters, seed: u64) -> Tickets<'_> {
    let agents = params.staffing.iter().copied().max().unwrap_or(0) as usize;
    Tickets {
        params,
        rng: ChaCha8Rng::seed_from_u64(seed),
        hour: 0,
        pending_arrivals: Vec::new(),
        free: vec![0; agents],
        number: 0,
        end: i64::from(params.weeks) * 7 * 24 * 60,
        touch: Exp::new(1.0 / params.first_touch_minutes.max(1e-9)).ok(),
        handle: LogNormal::new(
            params.handle_median_minutes.max(1e-9).ln(),
            params.handle_sigma,
        )
        .ok(),
        wait: Exp::new(1.0 / params.pending_mean_minutes.max(1e-9)).ok(),
    }
}

fn whole_minutes(x: f64) -> i64 {
    (x.round() as i64).max(1)
}

impl Tickets<'_> {
    /// The minute the first reply can start for a ticket arriving at
    /// `arrival`, and the agent who takes it: the earliest free agent among
    /// those on shift; over an hour with nobody on, the next staffed hour.
    fn first_reply_start(&self, arrival: i64) -> Option<(usize, i64)> {
        let mut t = arrival;
        // A week of hours without anyone on shift means nobody ever replies.
        for _ in 0..=168 {
            let agents = self.params.staffing[((t / 60) % 168) as usize] as usize;
            if agents == 0 {
                t = (t / 60 + 1) * 60;
                continue;
            }
            let (i, free) = self.free[..agents]
                .iter()
                .copied()
                .enumerate()
                .min_by_key(|&(i, f)| (f, i))?;
            return Some((i, free.max(t)));
        }
        None
    }
}

impl Iterator for Tickets<'_> {
    type Item = GeneratedTicket;

    fn next(&mut self) -> Option<GeneratedTicket> {
        while self.pending_arrivals.is_empty() {
            if self.hour * 60 >= self.end {
                return None;
            }
            let rate = self.params.arrival_rate((self.hour % 168) as usize);
            let count = if rate > 0.0 {
                Poisson::new(rate).map_or(0, |p| p.sample(&mut self.rng) as usize)
            } else {
                0
            };
            let base = self.hour * 60;
            let mut minutes: Vec<i64> = (0..count)
                .map(|_| base + self.rng.random_range(0..60))
                .collect();
            minutes.sort_unstable_by(|a, b| b.cmp(a));
            self.pending_arrivals = minutes;
            self.hour += 1;
        }
        let created = self.pending_arrivals.pop()?;
        self.number += 1;
        let p = self.params;
        let organisation = pick(&mut self.rng, p.organisations.iter().map(|o| o.weight));
        let priority = pick(&mut self.rng, p.priorities.iter().map(|x| x.1));
        let channel = pick(&mut self.rng, p.channels.iter().map(|x| x.1));
        let touch = self.touch.map_or(1.0, |d| d.sample(&mut self.rng));
        let handle = self.handle.map_or(1.0, |d| d.sample(&mut self.rng));
        let waits = self.rng.random::<f64>() < p.pending_share;
        let wait = self.wait.map_or(1.0, |d| d.sample(&mut self.rng));
        let first = self.first_reply_start(created).map(|(agent, start)| {
            let reply = start + whole_minutes(touch);
            self.free[agent] = reply;
            reply
        });
        let handle = whole_minutes(handle);
        let (pending, resolved) = match first {
            Some(reply) if waits => {
                let from = reply + (handle / 2).max(1);
                let to = from + whole_minutes(wait);
                (Some((from, to)), Some(reply + handle + (to - from)))
            }
            Some(reply) => (None, Some(reply + handle)),
            None => (None, None),
        };
        let at = |m: i64| p.start + Duration::minutes(m);
        let by_end = |m: i64| (m <= self.end).then(|| at(m));
        Some(GeneratedTicket {
            number: self.number,
            created: at(created),
            first_response: first.and_then(by_end),
            resolved: resolved.and_then(by_end),
            organisation,
            priority,
            channel,
            pending: pending
                .filter(|(from, _)| *from <= self.end)
                .map(|(from, to)| (at(from), by_end(to))),
        })
    }
}

/// A ticket's status at the export, in the generator's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    New,
    Open,
    Pending,
    Solved,
}

fn status_at_end(t: &GeneratedTicket) -> Status {
    if t.resolved.is_some() {
        Status::Solved
    } else if matches!(t.pending, Some((_, None))) {
        Status::Pending
    } else if t.first_response.is_some() {
        Status::Open
    } else {
        Status::New
    }
}

/// The helpdesk's words for the generator's values.
struct Words {
    priorities: [&'static str; 4],
    channels: [&'static str; 4],
    statuses: [&'static str; 4],
}

fn words(format: Format) -> Words {
    match format {
        Format::Zendesk => Words {
            priorities: ["Urgent", "High", "Normal", "Low"],
            channels: ["Mail", "Web form", "Chat", "Phone call (inbound)"],
            statuses: ["New", "Open", "Pending", "Solved"],
        },
        Format::ZendeskJson => Words {
            priorities: ["urgent", "high", "normal", "low"],
            channels: ["email", "web", "chat", "voice"],
            statuses: ["new", "open", "pending", "solved"],
        },
        Format::Freshdesk => Words {
            priorities: ["Urgent", "High", "Medium", "Low"],
            channels: ["Email", "Portal", "Chat", "Phone"],
            statuses: ["Open", "Open", "Pending", "Resolved"],
        },
        Format::Jsm => Words {
            priorities: ["Highest", "High", "Medium", "Low"],
            channels: ["email", "portal", "chat", "phone"],
            statuses: [
                "Waiting for support",
                "In progress",
                "Waiting for customer",
                "Resolved",
            ],
        },
        Format::Csv => Words {
            priorities: ["urgent", "high", "normal", "low"],
            channels: ["email", "web", "chat", "phone"],
            statuses: ["new", "open", "pending", "solved"],
        },
    }
}

fn word(list: &[&'static str; 4], names: &[(String, f64)], i: usize) -> String {
    list.get(i)
        .map(|w| (*w).to_owned())
        .unwrap_or_else(|| names.get(i).map(|n| n.0.clone()).unwrap_or_default())
}

fn group_of(t: &GeneratedTicket) -> &'static str {
    if t.priority == 0 {
        "Escalations"
    } else {
        "Tier 1"
    }
}

fn iso_z(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The number Zendesk's JSON gives an organisation (the export names no
/// organisation, only its id), by its index in the true parameters.
pub fn organisation_number(index: usize) -> u64 {
    360_000_100 + index as u64
}

fn group_id(t: &GeneratedTicket) -> u64 {
    if t.priority == 0 {
        360_000_021
    } else {
        360_000_011
    }
}

fn kind_of(t: &GeneratedTicket) -> &'static str {
    if t.priority <= 1 {
        "Incident"
    } else {
        "Question"
    }
}

/// The ticket's id as `format` writes it.
pub fn ticket_id(format: Format, number: u64) -> String {
    match format {
        Format::Zendesk | Format::ZendeskJson | Format::Freshdesk => (1000 + number).to_string(),
        Format::Jsm => format!("SUP-{number}"),
        Format::Csv => format!("T-{number}"),
    }
}

fn same(text: String) -> Option<Value> {
    Some(Value {
        mapped: text.clone(),
        raw: text,
    })
}

/// The ticket that importing the generated row gives (no mapping file).
pub fn expected_ticket(format: Format, params: &TrueParameters, t: &GeneratedTicket) -> Ticket {
    let w = words(format);
    let status = status_at_end(t);
    Ticket {
        id: ticket_id(format, t.number),
        created: t.created,
        first_response: t.first_response,
        resolved: t.resolved,
        priority: same(word(&w.priorities, &params.priorities, t.priority)),
        plan: same(match format {
            Format::ZendeskJson => organisation_number(t.organisation).to_string(),
            _ => params.organisations[t.organisation].name.clone(),
        }),
        channel: same(word(&w.channels, &params.channels, t.channel)),
        group: same(match format {
            Format::ZendeskJson => group_id(t).to_string(),
            _ => group_of(t).into(),
        }),
        status: same(w.statuses[status as usize].into()),
        kind: same(match format {
            Format::ZendeskJson => kind_of(t).to_lowercase(),
            _ => kind_of(t).into(),
        }),
    }
}

/// The status changes the generated log holds for a ticket.
pub fn expected_changes(format: Format, t: &GeneratedTicket) -> Vec<StatusChange> {
    let w = words(format);
    let [new, open, pending, solved] = w.statuses;
    let id = ticket_id(format, t.number);
    let mut out = Vec::new();
    let mut push = |at: DateTime<Utc>, from: &str, to: &str| {
        if from != to {
            out.push(StatusChange {
                ticket: id.clone(),
                at,
                from: from.into(),
                to: to.into(),
            });
        }
    };
    if let Some(reply) = t.first_response {
        push(reply, new, open);
    }
    if let Some((from, to)) = t.pending {
        push(from, open, pending);
        if let Some(to) = to {
            push(to, pending, open);
        }
    }
    if let Some(done) = t.resolved {
        push(done, open, solved);
    }
    out
}

/// A value quoted as CSV needs it.
fn field(out: &mut Vec<u8>, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

fn row(out: &mut Vec<u8>, values: &[&str]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        field(out, v);
    }
    out.extend_from_slice(b"\r\n");
}

fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn opt(t: Option<DateTime<Utc>>, f: impl Fn(DateTime<Utc>) -> String) -> String {
    t.map(f).unwrap_or_default()
}

/// A subject: now and then one with a comma, quotes, a line break or
/// accents, as real subjects have.
fn subject(n: u64) -> String {
    match n % 13 {
        0 => "Invoice, \"urgent\" question\nsee attachment".into(),
        5 => "Café crème – €5 charged twice".into(),
        _ => format!("Request {n}"),
    }
}

/// How many rows were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Ticket rows.
    pub tickets: u64,
    /// Status-change rows.
    pub status_changes: u64,
}

/// Writes the history drawn from `params` and `seed` as `format` exports
/// it (UTF-8, CRLF line breaks, times in UTC without an offset), and its
/// status-change log when asked.
pub fn write_export(
    format: Format,
    params: &TrueParameters,
    seed: u64,
    mut out: impl Write,
    mut status_log: Option<&mut dyn Write>,
) -> io::Result<Written> {
    let mut line = Vec::with_capacity(512);
    let header: &[&str] = match format {
        Format::Zendesk => &[
            "Id",
            "Requester",
            "Organization",
            "Subject",
            "Group",
            "Status",
            "Priority",
            "Via",
            "Ticket type",
            "Created at",
            "Solved at",
            "First reply time in minutes",
            "First reply time in minutes within business hours",
        ],
        Format::Freshdesk => &[
            "Ticket ID",
            "Subject",
            "Status",
            "Priority",
            "Source",
            "Type",
            "Group",
            "Created time",
            "Resolved time",
            "Initial response time",
            "Company Name",
        ],
        Format::Jsm => &[
            "Summary",
            "Issue key",
            "Issue Type",
            "Status",
            "Priority",
            "Created",
            "Resolved",
            "Custom field (Request Type)",
            "Custom field (Organizations)",
            "Custom field (Request channel)",
            "Custom field (Team)",
            "Custom field (Date of First Response)",
        ],
        Format::ZendeskJson => &[],
        Format::Csv => &[
            "id",
            "created",
            "first_response",
            "resolved",
            "priority",
            "plan",
            "channel",
            "group",
            "status",
            "type",
        ],
    };
    if !header.is_empty() {
        row(&mut line, header);
        out.write_all(&line)?;
    }
    if let Some(log) = status_log.as_deref_mut() {
        log.write_all(b"ticket,time,from,to\r\n")?;
    }
    let mut written = Written {
        tickets: 0,
        status_changes: 0,
    };
    for t in tickets(params, seed) {
        let e = expected_ticket(format, params, &t);
        let text = |v: &Option<Value>| v.as_ref().map(|v| v.raw.clone()).unwrap_or_default();
        let (priority, plan, channel) = (text(&e.priority), text(&e.plan), text(&e.channel));
        let (group, status, kind) = (text(&e.group), text(&e.status), text(&e.kind));
        let subject = subject(t.number);
        line.clear();
        match format {
            Format::Zendesk => {
                let minutes = t
                    .first_response
                    .map(|r| (r - t.created).num_minutes().to_string())
                    .unwrap_or_default();
                row(
                    &mut line,
                    &[
                        &e.id,
                        "customer@example.com",
                        &plan,
                        &subject,
                        &group,
                        &status,
                        &priority,
                        &channel,
                        &kind,
                        &iso(t.created),
                        &opt(t.resolved, iso),
                        &minutes,
                        "",
                    ],
                );
            }
            Format::ZendeskJson => {
                // One ticket object per line, as the full JSON export
                // writes them, with the metrics sideloaded.
                let minutes = t.first_response.map(|r| (r - t.created).num_minutes());
                let object = serde_json::json!({
                    "url": format!("https://example.zendesk.com/api/v2/tickets/{}.json", e.id),
                    "id": 1000 + t.number,
                    "created_at": iso_z(t.created),
                    "subject": subject,
                    "description": "Printer \"on fire\",\nsecond line",
                    "priority": priority,
                    "status": status,
                    "type": kind,
                    "via": {"channel": channel, "source": {"from": {}, "to": {}, "rel": null}},
                    "organization_id": organisation_number(t.organisation),
                    "group_id": group_id(&t),
                    "tags": ["generated"],
                    "metric_set": {
                        "reply_time_in_minutes": {"calendar": minutes, "business": null},
                        "solved_at": t.resolved.map(iso_z),
                        "reopens": 0,
                    },
                });
                serde_json::to_writer(&mut line, &object)?;
                line.push(b'\n');
            }
            Format::Freshdesk => row(
                &mut line,
                &[
                    &e.id,
                    &subject,
                    &status,
                    &priority,
                    &channel,
                    &kind,
                    &group,
                    &iso(t.created),
                    &opt(t.resolved, iso),
                    &opt(t.first_response, iso),
                    &plan,
                ],
            ),
            Format::Jsm => {
                let jira = |t: DateTime<Utc>| jira_text(t.timestamp());
                row(
                    &mut line,
                    &[
                        &subject,
                        &e.id,
                        "Service Request",
                        &status,
                        &priority,
                        &jira(t.created),
                        &opt(t.resolved, jira),
                        &kind,
                        &plan,
                        &channel,
                        &group,
                        &opt(t.first_response, jira),
                    ],
                )
            }
            Format::Csv => {
                let z = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
                row(
                    &mut line,
                    &[
                        &e.id,
                        &z(t.created),
                        &opt(t.first_response, z),
                        &opt(t.resolved, z),
                        &priority,
                        &plan,
                        &channel,
                        &group,
                        &status,
                        &kind,
                    ],
                )
            }
        }
        out.write_all(&line)?;
        written.tickets += 1;
        if let Some(log) = status_log.as_deref_mut() {
            for c in expected_changes(format, &t) {
                line.clear();
                row(
                    &mut line,
                    &[
                        &c.ticket,
                        &c.at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                        &c.from,
                        &c.to,
                    ],
                );
                log.write_all(&line)?;
                written.status_changes += 1;
            }
        }
    }
    out.flush()?;
    if let Some(log) = status_log {
        log.flush()?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_history() {
        let p = TrueParameters::realistic(2, 300.0);
        let a: Vec<_> = tickets(&p, 7).collect();
        let b: Vec<_> = tickets(&p, 7).collect();
        let c: Vec<_> = tickets(&p, 8).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.windows(2).all(|w| w[0].created <= w[1].created));
    }

    #[test]
    fn replies_wait_for_the_next_staffed_hour() {
        let p = TrueParameters::realistic(2, 300.0);
        // A ticket created on Saturday gets its reply on Monday at the
        // earliest (nobody works at weekends).
        let saturday = p.start + Duration::days(5) + Duration::hours(10);
        let monday = p.start + Duration::days(7) + Duration::hours(8);
        let weekend: Vec<_> = tickets(&p, 3)
            .filter(|t| t.created >= saturday && t.created < monday - Duration::hours(8))
            .collect();
        assert!(!weekend.is_empty());
        for t in weekend {
            assert!(t.first_response.unwrap() > monday, "{t:?}");
        }
    }
}
