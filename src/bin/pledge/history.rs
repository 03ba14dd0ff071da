//! `pledge history`: ticket histories from helpdesk exports.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};
use pledge::history::generate::{write_export, TrueParameters};
use pledge::history::{self, Format, ImportOptions, ImportReport, RowCounts};
use pledge::store::{HistoryName, Store};

/// Arguments of `pledge history`.
#[derive(Args)]
pub struct HistoryArgs {
    /// The folder holding pledge.db [default: $PLEDGE_DATA_DIR, else
    /// $XDG_DATA_HOME/pledge, else ~/.local/share/pledge].
    #[arg(long, global = true, value_name = "DIR", visible_alias = "library")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: HistoryCommand,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Zendesk,
    ZendeskJson,
    Freshdesk,
    Jsm,
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Zendesk => Format::Zendesk,
            FormatArg::ZendeskJson => Format::ZendeskJson,
            FormatArg::Freshdesk => Format::Freshdesk,
            FormatArg::Jsm => Format::Jsm,
            FormatArg::Csv => Format::Csv,
        }
    }
}

#[derive(Subcommand)]
enum HistoryCommand {
    /// Import a ticket export (and its status-change log) into a history.
    Import {
        /// The export: CSV from Zendesk, Freshdesk, Jira Service Management, Zendesk's JSON, or any CSV with --mapping.
        file: PathBuf,
        /// The export's format [default: found from its header].
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// A YAML file naming the columns, the date format and zone, and value maps.
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// A CSV of status changes (ticket, time, from, to): waits on the customer become pauses.
        #[arg(long, value_name = "FILE")]
        status_log: Option<PathBuf>,
        /// The history to import into [default: the file's stem].
        #[arg(long)]
        name: Option<String>,
        /// The zone of times written without an offset (IANA name) [default: the mapping's, else UTC].
        #[arg(long, value_name = "ZONE")]
        time_zone: Option<String>,
    },
    /// List the histories and their imports.
    List,
    /// The compliance an agreement would have had on a history: objectives, months, credits, where misses gather.
    Report(crate::history_report::ReportArgs),
    /// Calibrate a simulation scenario from a history, and back-test it.
    Calibrate(crate::calibrate::CalibrateArgs),
    /// The targets the team held, from the history and by simulation.
    Targets(crate::targets::TargetsArgs),
    /// Write a synthetic export with known parameters.
    Generate {
        /// The export format to write.
        #[arg(long, value_enum)]
        format: FormatArg,
        /// How many weeks of tickets.
        #[arg(long, default_value_t = 4)]
        weeks: u32,
        /// Expected tickets per week.
        #[arg(long, default_value_t = 1000.0)]
        tickets_per_week: f64,
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the export.
        #[arg(long, short)]
        output: PathBuf,
        /// Also write the status-change log here.
        #[arg(long, value_name = "FILE")]
        status_log: Option<PathBuf>,
    },
}

/// Runs `pledge history`.
pub fn run(args: HistoryArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        HistoryCommand::Import {
            file,
            format,
            mapping,
            status_log,
            name,
            time_zone,
        } => {
            let path = crate::store::database_path(args.data_dir)?;
            let name = match name {
                Some(n) => n,
                None => pledge::store::name_stem(
                    &file
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                ),
            };
            let name: HistoryName = name.parse()?;
            let mapping = mapping.as_deref().map(history::read_mapping).transpose()?;
            let time_zone = time_zone
                .map(|z| {
                    z.parse::<chrono_tz::Tz>()
                        .map_err(|_| history::HistoryError::TimeZone { zone: z })
                })
                .transpose()?;
            let mut store = Store::open(&path)?;
            let mut options = ImportOptions::new(name, Utc::now());
            options.format = format.map(Format::from);
            options.mapping = mapping;
            options.time_zone = time_zone;
            options.status_log = status_log;
            let report = history::import(&mut store, &file, &options)?;
            print_report(&report);
            Ok(if report.stopped.is_some() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        HistoryCommand::List => {
            let path = crate::store::database_path(args.data_dir)?;
            let store = Store::open(&path)?;
            list(&store)
        }
        HistoryCommand::Report(report) => {
            let path = crate::store::database_path(args.data_dir)?;
            let store = Store::open(&path)?;
            crate::history_report::run(report, &store)
        }
        HistoryCommand::Calibrate(calibrate) => crate::calibrate::run(calibrate, args.data_dir),
        HistoryCommand::Targets(targets) => crate::targets::run(targets, args.data_dir),
        HistoryCommand::Generate {
            format,
            weeks,
            tickets_per_week,
            seed,
            output,
            status_log,
        } => generate(
            format.into(),
            weeks,
            tickets_per_week,
            seed,
            &output,
            status_log.as_deref(),
        ),
    }
}

fn print_counts(counts: &RowCounts, what: &str, file: &Path) {
    println!(
        "  rows read: {}; {what} new: {}, updated: {}, unchanged: {}; rejected: {}",
        counts.read, counts.imported, counts.updated, counts.unchanged, counts.rejected
    );
    const SHOWN: usize = 10;
    for problem in counts.problems.iter().take(SHOWN) {
        println!("  {}: {problem}", file.display());
    }
    if counts.rejected as usize > SHOWN {
        println!("  … and {} more", counts.rejected as usize - SHOWN);
    }
}

fn print_report(report: &ImportReport) {
    let delimiter = match report.delimiter {
        Some('\t') => ", delimiter `tab`".to_owned(),
        Some(c) => format!(", delimiter `{c}`"),
        None => String::new(),
    };
    println!(
        "{}: {} ({}{delimiter}, times without an offset read in {})",
        report.file.display(),
        report.format.name(),
        report.encoding.name(),
        report.time_zone
    );
    if let Some(when) = report.imported_before {
        println!(
            "  this file was imported into `{}` before ({}): its tickets are updated, not added again",
            report.history,
            when.format("%Y-%m-%d %H:%M UTC")
        );
    }
    print_counts(&report.tickets, "tickets", &report.file);
    if let Some(log) = &report.status_log {
        println!(
            "{}: status-change log ({})",
            log.file.display(),
            log.encoding.name()
        );
        print_counts(&log.changes, "changes", &log.file);
        println!(
            "  pauses (waiting on the customer) in the history: {}",
            log.pauses
        );
    }
    match &report.stopped {
        Some(reason) => println!(
            "stopped: {reason}. Nothing of this import was stored; history `{}` is as it was",
            report.history
        ),
        None => println!("imported into history `{}`", report.history),
    }
}

fn list(store: &Store) -> anyhow::Result<ExitCode> {
    let histories = store.histories()?;
    if histories.is_empty() {
        println!("no history yet: import one with `pledge history import FILE`");
    }
    for h in histories {
        let span = h
            .span
            .map(|(a, b)| {
                format!(
                    ", created {} to {}",
                    a.format("%Y-%m-%d"),
                    b.format("%Y-%m-%d")
                )
            })
            .unwrap_or_default();
        println!(
            "{}: {} tickets{span}, {} pauses, {} imports",
            h.name, h.tickets, h.pauses, h.imports
        );
        for record in store.history_imports(&h.name)? {
            let log = &record.log;
            println!(
                "  {} {} ({}, {}): {} read, {} new, {} updated, {} unchanged, {} rejected",
                record.imported_at.format("%Y-%m-%d %H:%M"),
                log.file_name,
                log.format,
                log.encoding,
                log.counts.read,
                log.counts.imported,
                log.counts.updated,
                log.counts.unchanged,
                log.counts.rejected
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn generate(
    format: Format,
    weeks: u32,
    tickets_per_week: f64,
    seed: u64,
    output: &Path,
    status_log: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    if !(tickets_per_week.is_finite() && tickets_per_week >= 0.0) {
        anyhow::bail!("--tickets-per-week must be a number of 0 or more");
    }
    let params = TrueParameters::realistic(weeks, tickets_per_week);
    let create = |p: &Path| {
        File::create(p)
            .map(|f| BufWriter::with_capacity(1 << 16, f))
            .with_context(|| format!("cannot write {}", p.display()))
    };
    // Written under a sibling name and renamed once complete, so that a
    // stopped run never leaves a half export under the name asked for.
    let partial = |p: &Path| {
        let mut name = p.as_os_str().to_owned();
        name.push(format!(".partial-{}", std::process::id()));
        PathBuf::from(name)
    };
    let out = create(&partial(output))?;
    let mut log = status_log.map(|p| create(&partial(p))).transpose()?;
    let written = write_export(
        format,
        &params,
        seed,
        out,
        log.as_mut().map(|l| l as &mut dyn std::io::Write),
    )
    .with_context(|| format!("writing {}", output.display()))?;
    drop(log);
    for p in std::iter::once(output).chain(status_log) {
        std::fs::rename(partial(p), p).with_context(|| format!("cannot write {}", p.display()))?;
    }
    println!(
        "{}: {} tickets over {weeks} weeks ({}, seed {seed})",
        output.display(),
        written.tickets,
        format.name()
    );
    if let Some(p) = status_log {
        println!("{}: {} status changes", p.display(), written.status_changes);
    }
    Ok(ExitCode::SUCCESS)
}

/// The agreement a history is measured against: a file, or a version of
/// the library. Either way it passes `validate`'s gate first.
#[derive(Args, Clone)]
#[group(required = true, multiple = false)]
pub struct AgreementChoice {
    /// The agreement file (YAML).
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    /// A version of the library: NAME (its latest) or NAME@N.
    #[arg(long, value_name = "NAME[@N]")]
    version: Option<String>,
}

impl AgreementChoice {
    /// The agreement, or `None` after printing why it cannot be used (every
    /// finding, as `validate` prints them).
    pub fn load(&self, store: &Store) -> anyhow::Result<Option<pledge::model::Agreement>> {
        if let Some(file) = &self.agreement {
            return Ok(crate::agreement::read_checked(file));
        }
        let Some(text) = &self.version else {
            anyhow::bail!("give --agreement FILE or --version NAME[@N]");
        };
        let (name, number) = match text.rsplit_once('@') {
            Some((name, n)) => {
                let n = n.parse::<u32>().with_context(|| {
                    format!("--version {text}: `{n}` is not a version number (NAME@N, N from 1)")
                })?;
                (name, Some(n))
            }
            None => (text.as_str(), None),
        };
        let name: pledge::store::AgreementName = name.parse()?;
        let version = store.version(&name, number)?;
        let label = format!("{name}@{}", version.info.number);
        let report = pledge::check::check_text(&version.yaml);
        match report.agreement {
            Some(a) if !report.has_errors() => Ok(Some(a)),
            _ => {
                crate::agreement::write_diagnostics(
                    &mut std::io::stderr().lock(),
                    Path::new(&label),
                    &report.diagnostics,
                )?;
                Ok(None)
            }
        }
    }
}
