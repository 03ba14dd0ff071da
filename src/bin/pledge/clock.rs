//! `pledge clock`: deadlines and elapsed business time on a calendar.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use pledge::clock::{self, BusinessCalendar, Pause};
use pledge::model::{Calendar, TargetTime};

/// Arguments of `pledge clock`.
#[derive(Args)]
pub struct ClockArgs {
    #[command(subcommand)]
    command: ClockCommand,
}

#[derive(Subcommand)]
enum ClockCommand {
    /// When a duration of business time (or N business days, `5bd`) runs out.
    Deadline(DeadlineArgs),
    /// The business time between two instants.
    Elapsed(ElapsedArgs),
}

#[derive(Args)]
struct CalendarSource {
    /// An agreement file (YAML) holding the calendar.
    #[arg(long, requires = "calendar", conflicts_with = "calendar_file")]
    agreement: Option<PathBuf>,
    /// The calendar's id in the agreement.
    #[arg(long, requires = "agreement")]
    calendar: Option<String>,
    /// A file holding one calendar, in the agreement format's calendar shape.
    #[arg(long, required_unless_present = "agreement")]
    calendar_file: Option<PathBuf>,
    /// Pauses of the clock, START/END in RFC 3339 (repeatable).
    #[arg(long = "pause", value_name = "START/END")]
    pauses: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
struct DeadlineArgs {
    #[command(flatten)]
    source: CalendarSource,
    /// When the clock starts, RFC 3339 (e.g. 2026-03-27T11:00:00Z).
    #[arg(long)]
    start: String,
    /// How much business time: `15h`, `1h30m`, or business days `5bd`.
    #[arg(long)]
    duration: String,
}

#[derive(Args)]
struct ElapsedArgs {
    #[command(flatten)]
    source: CalendarSource,
    /// From this instant, RFC 3339.
    #[arg(long)]
    from: String,
    /// To this instant, RFC 3339.
    #[arg(long)]
    to: String,
}

/// Runs `pledge clock`.
pub fn run(args: ClockArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        ClockCommand::Deadline(args) => deadline(args),
        ClockCommand::Elapsed(args) => elapsed(args),
    }
}

fn deadline(args: DeadlineArgs) -> anyhow::Result<ExitCode> {
    let (model, calendar) = load(&args.source)?;
    let pauses = pauses(&args.source.pauses)?;
    let start = instant("--start", &args.start)?;
    let target: TargetTime = args
        .duration
        .parse()
        .map_err(|e| anyhow!("--duration: {e}"))?;
    let due =
        clock::target_deadline(&calendar, start, target, &pauses).map_err(|e| anyhow!("{e}"))?;
    match args.source.format {
        Format::Text => {
            println!("deadline: {}", utc(due));
            println!("local:    {} ({})", local(&calendar, due), model.time_zone);
        }
        Format::Json => {
            let out = serde_json::json!({
                "calendar": model.id,
                "time_zone": model.time_zone,
                "start": utc(start),
                "duration": target.to_string(),
                "pauses": pauses.iter().map(|p| [utc(p.start), utc(p.end)]).collect::<Vec<_>>(),
                "deadline": utc(due),
                "deadline_local": local(&calendar, due),
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn elapsed(args: ElapsedArgs) -> anyhow::Result<ExitCode> {
    let (model, calendar) = load(&args.source)?;
    let pauses = pauses(&args.source.pauses)?;
    let from = instant("--from", &args.from)?;
    let to = instant("--to", &args.to)?;
    let spent = clock::elapsed(&calendar, from, to, &pauses).map_err(|e| anyhow!("{e}"))?;
    match args.source.format {
        Format::Text => {
            println!("elapsed: {spent} ({} s)", spent.as_seconds());
            println!(
                "from:    {} = {} ({})",
                utc(from),
                local(&calendar, from),
                model.time_zone
            );
            println!(
                "to:      {} = {} ({})",
                utc(to),
                local(&calendar, to),
                model.time_zone
            );
        }
        Format::Json => {
            let out = serde_json::json!({
                "calendar": model.id,
                "time_zone": model.time_zone,
                "from": utc(from),
                "from_local": local(&calendar, from),
                "to": utc(to),
                "to_local": local(&calendar, to),
                "pauses": pauses.iter().map(|p| [utc(p.start), utc(p.end)]).collect::<Vec<_>>(),
                "elapsed": spent.to_string(),
                "elapsed_seconds": spent.as_seconds(),
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn utc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn local(calendar: &BusinessCalendar, t: DateTime<Utc>) -> String {
    t.with_timezone(&calendar.time_zone())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn instant(flag: &str, text: &str) -> anyhow::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            anyhow!(
                "{flag}: `{text}` is not an RFC 3339 instant such as 2026-03-27T11:00:00Z ({e})"
            )
        })
}

fn pauses(texts: &[String]) -> anyhow::Result<Vec<Pause>> {
    texts
        .iter()
        .map(|text| {
            let (start, end) = text.split_once('/').ok_or_else(|| {
                anyhow!("--pause: `{text}` is not START/END, e.g. 2026-03-27T12:00:00Z/2026-03-27T13:00:00Z")
            })?;
            Ok(Pause {
                start: instant("--pause start", start)?,
                end: instant("--pause end", end)?,
            })
        })
        .collect()
}

fn read(path: &Path) -> anyhow::Result<String> {
    Ok(pledge::format::read_text(path)?)
}

/// The model calendar and its compiled form, from an agreement or a calendar file.
fn load(source: &CalendarSource) -> anyhow::Result<(Calendar, BusinessCalendar)> {
    let (model, place) = match (&source.agreement, &source.calendar, &source.calendar_file) {
        (Some(path), Some(id), _) => {
            let agreement = pledge::format::read(&read(path)?)
                .map_err(|e| anyhow!(crate::agreement::describe(path, &e)))?;
            let Some(index) = agreement.calendars.iter().position(|c| &c.id == id) else {
                let known: Vec<_> = agreement.calendars.iter().map(|c| c.id.as_str()).collect();
                bail!(
                    "{}: no calendar `{id}`; the calendars are: {}",
                    path.display(),
                    known.join(", ")
                );
            };
            (
                agreement.calendars[index].clone(),
                format!("{}: calendars[{index}].", path.display()),
            )
        }
        (_, _, Some(path)) => {
            let model: Calendar = pledge::format::Document::parse(&read(path)?)
                .and_then(|document| document.deserialize())
                .map_err(|e| anyhow!(crate::agreement::describe(path, &e)))?;
            (model, format!("{}: ", path.display()))
        }
        _ => bail!("give --agreement FILE --calendar NAME, or --calendar-file FILE"),
    };
    let calendar = BusinessCalendar::compile(&model).map_err(|e| anyhow!("{place}{e}"))?;
    Ok((model, calendar))
}
