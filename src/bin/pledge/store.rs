//! `pledge store`: the library of agreements from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};
use pledge::doc::tree::Lang;
use pledge::store::{self, AgreementName, Shelf, Store, StoreError, VersionComparison};

/// Arguments of `pledge store`.
#[derive(Args)]
pub struct StoreArgs {
    /// The folder holding pledge.db [default: $PLEDGE_DATA_DIR, else
    /// $XDG_DATA_HOME/pledge, else ~/.local/share/pledge].
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: StoreCommand,
}

#[derive(Subcommand)]
enum StoreCommand {
    /// List the agreements (or those in the trash).
    List {
        /// List the trash instead.
        #[arg(long)]
        trash: bool,
    },
    /// Import YAML files or folders of them, each as a new version.
    Import {
        /// Files, or folders whose *.yaml / *.yml files are imported.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The agreement's name (only with a single file) [default: the file's stem].
        #[arg(long)]
        name: Option<String>,
        /// Who saves [default: $USER].
        #[arg(long)]
        author: Option<String>,
        /// Why.
        #[arg(long, short, default_value = "Imported")]
        message: String,
    },
    /// Export agreements as YAML: one to a file (or standard output), or all to a folder.
    Export {
        /// The agreement to export; all agreements in use with --all.
        #[arg(required_unless_present = "all")]
        name: Option<String>,
        /// Export every agreement in use, latest versions, into the folder given by --output.
        #[arg(long, conflicts_with = "name", requires = "output")]
        all: bool,
        /// The version to export [default: the latest].
        #[arg(long)]
        version: Option<u32>,
        /// Where to write: a file (one agreement) or a folder (--all) [default: standard output].
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// List the versions of an agreement.
    Log {
        /// The agreement.
        name: String,
    },
    /// Print a version's YAML (the latest by default), or the draft.
    Show {
        /// The agreement.
        name: String,
        /// The version [default: the latest].
        #[arg(long, conflicts_with = "draft")]
        version: Option<u32>,
        /// Print the autosaved draft instead.
        #[arg(long)]
        draft: bool,
    },
    /// List what changed between two versions, in the agreement's words;
    /// or show the redline of the rendered contract.
    Diff {
        /// The agreement.
        name: String,
        /// The earlier version [default: the one before TO].
        from: Option<u32>,
        /// The later version [default: the latest].
        to: Option<u32>,
        /// `changes`: the change list; `text`: the change list and the
        /// clause-level redline, [-deleted-]{+inserted+}; `json`: both,
        /// structured.
        #[arg(long, value_enum, default_value = "changes")]
        format: DiffFormat,
        /// Also write the comparison document (PDF) to this file.
        #[arg(long, value_name = "OUT.pdf")]
        redline: Option<PathBuf>,
        /// The language of the rendered contracts [default: the agreement's].
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// In the comparison document, print unchanged clauses as their heading only.
        #[arg(long)]
        collapse_unchanged: bool,
    },
    /// Move agreements to the trash.
    Rm {
        /// The agreements.
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// Bring agreements back from the trash.
    Restore {
        /// The agreements.
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// Verify the library: SQLite's integrity check and every saved
    /// version against its fingerprint. Exits 1 when anything is wrong.
    Check,
    /// Delete agreements in the trash for good.
    Purge {
        /// The agreements (they must be in the trash).
        #[arg(required_unless_present = "all")]
        names: Vec<String>,
        /// Purge everything in the trash.
        #[arg(long, conflicts_with = "names")]
        all: bool,
    },
}

/// What `pledge store diff` prints.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Changes,
    Text,
    Json,
}

/// A contract language.
#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Fr,
}

/// The database path: `--data-dir`, then `PLEDGE_DATA_DIR`, then the
/// platform data directory.
pub(crate) fn database_path(data_dir: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let dir = store::data_dir(data_dir, |var| std::env::var_os(var))
        .context("no data directory: set --data-dir, PLEDGE_DATA_DIR or HOME")?;
    Ok(dir.join(store::DATABASE_FILE))
}

fn name(text: &str) -> anyhow::Result<AgreementName> {
    Ok(text.parse::<AgreementName>()?)
}

fn default_author() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Runs `pledge store`.
pub fn run(args: StoreArgs) -> anyhow::Result<ExitCode> {
    let path = database_path(args.data_dir)?;
    if let StoreCommand::Check = args.command {
        return check(&path);
    }
    let mut db = Store::open(&path)?;
    match args.command {
        StoreCommand::Check => check(&path),
        StoreCommand::List { trash } => list(&db, trash),
        StoreCommand::Import {
            paths,
            name: given,
            author,
            message,
        } => import(
            &mut db,
            &paths,
            given.as_deref(),
            &author.unwrap_or_else(default_author),
            &message,
        ),
        StoreCommand::Export {
            name: Some(n),
            version,
            output,
            ..
        } => {
            let n = name(&n)?;
            match output {
                Some(file) => {
                    store::export_version(&db, &n, version, &file)?;
                    eprintln!("exported {n} to {}", file.display());
                }
                None => print!("{}", db.version(&n, version)?.yaml),
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Export {
            name: None, output, ..
        } => {
            let dir = output.context("--all needs --output FOLDER")?;
            let files = store::export_all(&db, &dir)?;
            for file in &files {
                println!("exported {}", file.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Log { name: n } => {
            for v in db.log(&name(&n)?)? {
                println!(
                    "{:>4}  {}  {}  {}  {}",
                    v.number,
                    v.saved_at.format("%Y-%m-%d %H:%M"),
                    &v.fingerprint[..12],
                    v.author,
                    v.message
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Show {
            name: n,
            version,
            draft,
        } => {
            let n = name(&n)?;
            if draft {
                match db.draft(&n)? {
                    Some(d) => print!("{}", d.text),
                    None => bail!("agreement `{n}` has no draft"),
                }
            } else {
                print!("{}", db.version(&n, version)?.yaml);
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Diff {
            name: n,
            from,
            to,
            format,
            redline,
            lang,
            collapse_unchanged,
        } => {
            let lang = lang.map(|l| match l {
                LangArg::En => Lang::En,
                LangArg::Fr => Lang::Fr,
            });
            let out = DiffOutput {
                format,
                redline,
                lang,
                collapse_unchanged,
            };
            diff(&mut db, &name(&n)?, from, to, out)
        }
        StoreCommand::Rm { names } => {
            for n in names {
                let n = name(&n)?;
                db.trash(&n, Utc::now())?;
                println!("moved {n} to the trash");
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Restore { names } => {
            for n in names {
                let n = name(&n)?;
                db.restore(&n)?;
                println!("restored {n}");
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Purge { names, all } => {
            let names: Vec<AgreementName> = if all {
                db.list(Shelf::Trash)?.into_iter().map(|s| s.name).collect()
            } else {
                names
                    .iter()
                    .map(|n| name(n))
                    .collect::<anyhow::Result<_>>()?
            };
            for n in names {
                db.purge(&n)?;
                println!("purged {n}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `pledge store check`: a summary on standard output, one line a problem,
/// and exit 1 when there is any, including a file that cannot be opened.
fn check(path: &std::path::Path) -> anyhow::Result<ExitCode> {
    let db = match Store::open(path) {
        Ok(db) => db,
        Err(
            e @ (StoreError::Damaged { .. }
            | StoreError::NotADatabase { .. }
            | StoreError::NotPledge { .. }
            | StoreError::NewerSchema { .. }),
        ) => {
            println!("{}: cannot be checked", path.display());
            println!("  problem: {e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    let report = db.check()?;
    let problems = match report.problems.len() {
        0 => "no problem".to_owned(),
        1 => "1 problem".to_owned(),
        n => format!("{n} problems"),
    };
    println!(
        "{}: {} agreement(s), {} version(s) verified, {problems}",
        path.display(),
        report.agreements,
        report.versions
    );
    for problem in &report.problems {
        println!("  problem: {problem}");
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn list(db: &Store, trash: bool) -> anyhow::Result<ExitCode> {
    let shelf = if trash { Shelf::Trash } else { Shelf::Live };
    for a in db.list(shelf)? {
        let latest = match &a.latest {
            Some(v) => format!(
                "v{}  {}  {}",
                v.number,
                v.saved_at.format("%Y-%m-%d %H:%M"),
                v.message
            ),
            None => "no version yet".into(),
        };
        let draft = if a.has_draft { "  (draft)" } else { "" };
        println!("{}  {} version(s)  {latest}{draft}", a.name, a.versions);
    }
    Ok(ExitCode::SUCCESS)
}

/// Imports each file in its own transaction and prints a line as soon as
/// it is committed, so that what was reported is what is saved.
fn import(
    db: &mut Store,
    paths: &[PathBuf],
    given: Option<&str>,
    author: &str,
    message: &str,
) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(store::yaml_files_in(path)?);
        } else {
            files.push(path.clone());
        }
    }
    let given = given.map(name).transpose()?;
    if given.is_some() && files.len() != 1 {
        bail!(
            "--name needs exactly one file, and {} were given",
            files.len()
        );
    }
    let report = |file: &std::path::Path, result: &Result<store::Imported, StoreError>| match result
    {
        Ok(done) => {
            let v = &done.saved.version;
            let what = if done.saved.created {
                "saved"
            } else {
                "unchanged"
            };
            println!(
                "{what} {} v{} {} from {}",
                v.agreement,
                v.number,
                &v.fingerprint[..12],
                file.display()
            );
            if let Some(previous) = done.saved.same_label_as {
                eprintln!(
                    "warning: {}: v{} has the same version_label as v{previous}, so both contracts print the same version: change meta.version_label",
                    file.display(),
                    v.number
                );
            }
        }
        Err(e) => eprintln!("pledge: {e}"),
    };
    let summary = store::import_files(
        db,
        &files,
        given.as_ref(),
        author,
        message,
        Utc::now,
        report,
    )?;
    Ok(if summary.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What `pledge store diff` produces besides its versions.
struct DiffOutput {
    format: DiffFormat,
    redline: Option<PathBuf>,
    lang: Option<Lang>,
    collapse_unchanged: bool,
}

fn diff(
    db: &mut Store,
    n: &AgreementName,
    from: Option<u32>,
    to: Option<u32>,
    out: DiffOutput,
) -> anyhow::Result<ExitCode> {
    let to = match to {
        Some(to) => to,
        None => db.version(n, None)?.info.number,
    };
    let from = match from {
        Some(from) => from,
        None if to > 1 => to - 1,
        None => bail!("agreement `{n}` has a single version: nothing to compare"),
    };
    let comparison = db.compare(n, from, to)?;
    let lines: Vec<String> = comparison.changes.iter().map(ToString::to_string).collect();
    if out.format == DiffFormat::Changes && out.redline.is_none() {
        print_changes(&lines, from, to);
        return Ok(ExitCode::SUCCESS);
    }
    let compared = VersionComparison::render(&comparison, out.lang)?;
    let red = compared.redline();
    let summary = &compared.summary;
    match out.format {
        DiffFormat::Changes => print_changes(&summary.changes, from, to),
        DiffFormat::Text => {
            print_changes(&summary.changes, from, to);
            println!();
            if red.is_unchanged() {
                println!("the contract's text is the same");
            } else {
                print!("{}", red.to_text());
            }
        }
        DiffFormat::Json => {
            let changes: Vec<serde_json::Value> = comparison
                .changes
                .iter()
                .map(|c| serde_json::json!({ "text": c.to_string(), "change": c }))
                .collect();
            let json = serde_json::json!({
                "agreement": n.as_str(),
                "before": summary.before,
                "after": summary.after,
                "changes": changes,
                "redline": red,
            });
            println!("{}", serde_json::to_string_pretty(&json)?);
        }
    }
    if let Some(path) = &out.redline {
        // A path ending in .docx gets a Word document with tracked changes.
        let word = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        let bytes = if word {
            compared.docx(out.collapse_unchanged)?
        } else {
            compared.pdf(out.collapse_unchanged)?
        };
        pledge::atomic::write_atomically(path, &bytes)?;
        // Recorded against the later version, so that the file can be traced.
        let record = if word {
            compared.record_docx(&bytes, out.collapse_unchanged)
        } else {
            compared.record(&bytes, out.collapse_unchanged)
        };
        db.record_document(n, to, &record, Utc::now())?;
        eprintln!(
            "wrote the comparison of v{from} and v{to} to {}",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_changes(lines: &[String], from: u32, to: u32) {
    if lines.is_empty() {
        println!("no change from v{from} to v{to}");
    }
    for line in lines {
        println!("{line}");
    }
}
