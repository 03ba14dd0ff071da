//! `pledge history report`: the compliance an agreement would have had on
//! a history, as text or JSON.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use pledge::history::measure::Skipped;
use pledge::history::report::{self, Breakdown, Cell, Keyed, Report, ReportOptions};
use pledge::history::resolve::Field;
use pledge::model::Metric;
use pledge::store::{HistoryName, Store};

use crate::history::AgreementChoice;

#[derive(Clone, Copy, ValueEnum)]
enum Output {
    Text,
    Json,
}

/// Arguments of `pledge history report`.
#[derive(Args)]
pub struct ReportArgs {
    /// The history.
    name: String,
    #[command(flatten)]
    agreement: AgreementChoice,
    /// A YAML mapping file whose `values:` read the history's words as the
    /// agreement's ids (e.g. `plan: {Acme Corp: premium}`).
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Text for reading, JSON for tools.
    #[arg(long, value_enum, default_value = "text")]
    format: Output,
}

/// Runs `pledge history report`.
pub fn run(args: ReportArgs, store: &Store) -> anyhow::Result<ExitCode> {
    let name: HistoryName = args.name.parse()?;
    let Some(agreement) = args.agreement.load(store)? else {
        return Ok(ExitCode::from(1));
    };
    let mut options = ReportOptions::default();
    if let Some(path) = &args.mapping {
        options.values = pledge::history::read_mapping(path)?.values;
    }
    let report = report::report(store, &name, &agreement, &options)?;
    match args.format {
        Output::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Output::Text => print!("{}", text(&report)),
    }
    Ok(ExitCode::SUCCESS)
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn skipped_name(s: Skipped) -> String {
    match s {
        Skipped::NoTarget => "no target row for their plan and priority".into(),
        Skipped::Missing(f) => format!("no {}", f.key()),
        Skipped::Unknown(f) => format!("a {} the agreement does not have", f.key()),
        Skipped::Clock => "no deadline on the calendar".into(),
    }
}

/// The report as a person reads it.
pub fn text(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "History `{}`: {} tickets created {} to {}; it ends {}",
        r.history,
        r.tickets,
        r.created.0.format("%Y-%m-%d"),
        r.created.1.format("%Y-%m-%d"),
        r.as_of.format("%Y-%m-%d %H:%M UTC")
    );
    let _ = writeln!(
        out,
        "measured against {}: {} tickets on a target row",
        r.agreement, r.measured
    );
    for s in &r.skipped {
        let _ = writeln!(
            out,
            "  left out: {} with {}",
            s.tickets,
            skipped_name(s.reason)
        );
    }
    if !r.unknown_values.is_empty() {
        let list: Vec<String> = r
            .unknown_values
            .iter()
            .map(|u| format!("{} `{}` ({})", u.field.key(), u.value, u.tickets))
            .collect();
        let _ = writeln!(
            out,
            "  values the agreement does not name: {}; map them under `values:` in a --mapping file",
            list.join(", ")
        );
        if r.unknown_values.iter().any(|u| u.field == Field::Channel) {
            let _ = writeln!(
                out,
                "  (tickets of an unknown channel are measured on the row without a channel)"
            );
        }
    }

    let _ = writeln!(out, "\nObjectives over the history");
    let rows: Vec<String> = r
        .objectives
        .iter()
        .map(|o| {
            format!(
                "{} {}{} · {}",
                o.plan,
                o.priority,
                o.channel
                    .as_deref()
                    .map(|c| format!(" {c}"))
                    .unwrap_or_default(),
                Metric::words(o.metric)
            )
        })
        .collect();
    let width = rows
        .iter()
        .map(|r| r.chars().count())
        .max()
        .unwrap_or(0)
        .max(12);
    let _ = writeln!(
        out,
        "  {:<width$} {:>7} {:>6} {:>18} {:>16}  months missed",
        "row · metric", "target", "goal", "compliance", "internal"
    );
    for (o, row) in r.objectives.iter().zip(&rows) {
        let compliance = if o.measured == 0 {
            "no ticket".to_owned()
        } else {
            format!("{} of {}", pct(o.met, o.measured), o.measured)
        };
        let internal = match (&o.internal, o.internal_met) {
            (Some(t), Some(n)) => format!("{} ≤{t}", pct(n, o.measured)),
            _ => "–".into(),
        };
        let missed = if o.months == 0 {
            "–".to_owned()
        } else if o.months_missed.is_empty() {
            format!("0 of {}", o.months)
        } else {
            format!(
                "{} of {}: {}",
                o.months_missed.len(),
                o.months,
                o.months_missed.join(", ")
            )
        };
        let pending = if o.pending > 0 {
            format!(" (+{} still open)", o.pending)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {row:<width$} {:>7} {:>5}% {compliance:>18} {internal:>16}  {missed}{pending}",
            o.within, o.objective
        );
    }

    let _ = writeln!(
        out,
        "\nMonths: objectives missed{}",
        if r.credits.is_empty() {
            " (the agreement has no service credit)".to_owned()
        } else {
            format!(
                " and the service credits they would have cost ({})",
                r.currency
            )
        }
    );
    for m in &r.months {
        let owed: Vec<String> = m
            .credits
            .iter()
            .filter(|c| c.tier.is_some())
            .map(|c| {
                format!(
                    "{} at {}: {}% of the fee{}",
                    c.schedule,
                    c.level.map_or("–".into(), |l| format!("{l:.1}%")),
                    c.share,
                    c.amount.map(|a| format!(" = {a}")).unwrap_or_default()
                )
            })
            .collect();
        let missed: Vec<String> = m
            .objectives
            .iter()
            .filter(|o| o.missed)
            .map(|o| rows[o.objective].clone())
            .collect();
        let credit = match (r.credits.is_empty(), owed.is_empty()) {
            (true, _) => String::new(),
            (false, true) => "; no credit".to_owned(),
            (false, false) => format!("; {}", owed.join("; ")),
        };
        let _ = writeln!(
            out,
            "  {}  {} of {} missed{}{credit}",
            m.month,
            missed.len(),
            m.objectives.len(),
            if missed.is_empty() {
                String::new()
            } else {
                format!(" ({})", missed.join(", "))
            },
        );
    }
    if !r.credits.is_empty() {
        for s in &r.credits {
            if s.measured {
                let _ = writeln!(
                    out,
                    "  {}: {} months with a credit, {} {} in all",
                    s.schedule, s.months_missed, s.total, r.currency
                );
            } else {
                let _ = writeln!(
                    out,
                    "  {}: measures availability, which a ticket history does not record",
                    s.schedule
                );
            }
        }
        let _ = writeln!(out, "  total: {} {}", r.credit_total, r.currency);
    }

    if !r.hotspots.is_empty() {
        let _ = writeln!(out, "\nWhere misses gather");
        for h in &r.hotspots {
            let _ = writeln!(
                out,
                "  {} · {} · {} · {} {:02}:00–{:02}:00: {} of {} missed ({}, {:.1}× the overall rate)",
                Metric::words(h.metric),
                h.priority,
                h.channel,
                WEEKDAYS[h.weekday as usize % 7],
                h.from_hour,
                h.from_hour + 6,
                h.cell.missed,
                h.cell.measured,
                pct(h.cell.missed, h.cell.measured),
                h.lift
            );
        }
    }
    for b in &r.breakdowns {
        breakdown(&mut out, b);
    }
    out
}

fn keyed_line(out: &mut String, label: &str, items: &[Keyed]) {
    let parts: Vec<String> = items
        .iter()
        .map(|k| format!("{} {}", k.key, pct(k.cell.missed, k.cell.measured)))
        .collect();
    let _ = writeln!(out, "  {label:<9} {}", parts.join(" · "));
}

/// One character for a cell's miss rate: `·` without ticket, `-` none
/// missed, else `d` for up to d tenths missed (`9` above 80 %), so a
/// single miss always shows.
fn shade(c: &Cell) -> char {
    match c.miss_rate() {
        None => '·',
        Some(r) if r <= 0.0 => '-',
        Some(r) => char::from_digit(((r * 10.0).ceil() as u32).clamp(1, 9), 10).unwrap_or('9'),
    }
}

fn breakdown(out: &mut String, b: &Breakdown) {
    let _ = writeln!(
        out,
        "\n{} missed: {} of {} ({})",
        Metric::words(b.metric),
        b.overall.missed,
        b.overall.measured,
        pct(b.overall.missed, b.overall.measured)
    );
    let _ = writeln!(
        out,
        "  by hour of the week in each plan calendar's zone: d = up to d tenths missed, - none, · no ticket"
    );
    let _ = writeln!(out, "        00    04    08    12    16    20");
    for (d, day) in WEEKDAYS.iter().enumerate() {
        let cells: String = b.hour_of_week[d * 24..(d + 1) * 24]
            .iter()
            .enumerate()
            .map(|(h, c)| {
                if h % 4 == 0 && h > 0 {
                    format!("  {}", shade(c))
                } else {
                    shade(c).to_string()
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "  {day}  {cells}   {}",
            pct(b.weekday[d].missed, b.weekday[d].measured)
        );
    }
    keyed_line(out, "priority", &b.priority);
    keyed_line(out, "plan", &b.plan);
    keyed_line(out, "channel", &b.channel);
    keyed_line(out, "group", &b.group);
    keyed_line(out, "month", &b.month);
}
