//! `pledge store`: the library of agreements from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use chrono::Utc;
use clap::{Args, Subcommand};
use pledge::store::{self, AgreementName, Shelf, Store, StoreError};

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
    /// List what changed between two versions, in the agreement's words.
    Diff {
        /// The agreement.
        name: String,
        /// The earlier version [default: the one before TO].
        from: Option<u32>,
        /// The later version [default: the latest].
        to: Option<u32>,
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

/// The database path: `--data-dir`, then `PLEDGE_DATA_DIR`, then the
/// platform data directory.
fn database_path(data_dir: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let from_env = std::env::var_os("PLEDGE_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from);
    let dir = match data_dir.or(from_env) {
        Some(dir) => dir,
        None => {
            let xdg = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from);
            let home = std::env::var_os("HOME").map(PathBuf::from);
            store::default_data_dir(xdg.as_deref(), home.as_deref())
                .context("no data directory: set --data-dir, PLEDGE_DATA_DIR or HOME")?
        }
    };
    Ok(dir.join(store::DATABASE_FILE))
}

fn name(text: &str) -> anyhow::Result<AgreementName> {
    Ok(text.parse::<AgreementName>()?)
}

fn default_author() -> String {
    std::env::var("USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| "unknown".into())
}

/// Runs `pledge store`.
pub fn run(args: StoreArgs) -> anyhow::Result<ExitCode> {
    let path = database_path(args.data_dir)?;
    let mut db = Store::open(&path)?;
    match args.command {
        StoreCommand::List { trash } => list(&db, trash),
        StoreCommand::Import { paths, name: given, author, message } => {
            import(&mut db, &paths, given.as_deref(), &author.unwrap_or_else(default_author), &message)
        }
        StoreCommand::Export { name: Some(n), version, output, .. } => {
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
        StoreCommand::Export { name: None, output, .. } => {
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
        StoreCommand::Show { name: n, version, draft } => {
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
        StoreCommand::Diff { name: n, from, to } => diff(&db, &name(&n)?, from, to),
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
                names.iter().map(|n| name(n)).collect::<anyhow::Result<_>>()?
            };
            for n in names {
                db.purge(&n)?;
                println!("purged {n}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn list(db: &Store, trash: bool) -> anyhow::Result<ExitCode> {
    let shelf = if trash { Shelf::Trash } else { Shelf::Live };
    for a in db.list(shelf)? {
        let latest = match &a.latest {
            Some(v) => format!("v{}  {}  {}", v.number, v.saved_at.format("%Y-%m-%d %H:%M"), v.message),
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
        bail!("--name needs exactly one file, and {} were given", files.len());
    }
    let mut failed = 0;
    for file in &files {
        match store::import_file(db, file, given.as_ref(), author, message, Utc::now()) {
            Ok(done) => {
                let v = &done.saved.version;
                let what = if done.saved.created { "saved" } else { "unchanged" };
                println!("{what} {} v{} {} from {}", v.agreement, v.number, &v.fingerprint[..12], file.display());
            }
            Err(e @ StoreError::Busy { .. }) => return Err(e.into()),
            Err(e) => {
                eprintln!("pledge: {e}");
                failed += 1;
            }
        }
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn diff(db: &Store, n: &AgreementName, from: Option<u32>, to: Option<u32>) -> anyhow::Result<ExitCode> {
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
    if comparison.changes.is_empty() {
        println!("no change from v{from} to v{to}");
    }
    for change in comparison.changes {
        println!("{change}");
    }
    Ok(ExitCode::SUCCESS)
}
