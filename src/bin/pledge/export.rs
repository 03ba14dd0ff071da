//! `pledge export`: the contract of an agreement as PDF, Word (.docx), HTML or Markdown.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use pledge::doc::contract::{self, ContractOptions, Edition, Format, Simulation, TemplateSet};
use pledge::doc::tree::Lang;
use pledge::format;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// French.
    Fr,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EditionArg {
    /// What the customer signs.
    Client,
    /// The provider's copy, with internal targets, OLAs and simulation figures.
    Internal,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A laid-out PDF.
    Pdf,
    /// One self-contained HTML page.
    Html,
    /// Markdown.
    Md,
    /// A Word document (.docx), for negotiating in Word.
    Docx,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The agreement file.
    agreement: PathBuf,
    /// Where to write the contract (`-` for standard output); an existing
    /// file is replaced atomically.
    #[arg(short, long)]
    output: PathBuf,
    /// The contract's language (default: the agreement's).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Which edition.
    #[arg(long, value_enum, default_value = "client")]
    edition: EditionArg,
    /// Mark the contract as a draft (DRAFT / PROJET watermark).
    #[arg(long)]
    draft: bool,
    /// A template directory (with contract.j2, or en/ and fr/ subdirectories)
    /// instead of the shipped templates.
    #[arg(long, value_name = "DIR")]
    template: Option<PathBuf>,
    /// A simulation result (`pledge simulate --format json`) for the internal
    /// edition's annex.
    #[arg(long, value_name = "RESULT.json")]
    simulation: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "pdf")]
    format: FormatArg,
}

/// The memory (address space) a render with the templates of `--template`
/// may take. minijinja's fuel bounds the steps of a template and the data
/// it builds, except lists joined with `+`, which it keeps lazy and later
/// copies uncharged: `l = l + l` thirty-odd times asks for gigabytes. Such
/// templates are rendered in a child process under this limit, and the
/// child's death is reported as the templates'. The shipped templates are
/// rendered in the process: they use a small, tested share of the fuel.
/// Far above what an export needs (the largest sample about 40 MB, a
/// 16 MiB markup some hundreds).
const TEMPLATE_MEMORY_LIMIT: u64 = 2 << 30;
/// The processor time a render with the templates of `--template` may take.
const TEMPLATE_CPU_SECONDS: u64 = 120;
/// Set in the child that renders with the templates of `--template`.
const SANDBOXED: &str = "PLEDGE_EXPORT_SANDBOXED";

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    #[cfg(unix)]
    if let Some(dir) = &args.template {
        if std::env::var_os(SANDBOXED).is_none() {
            return run_sandboxed(dir);
        }
        sandbox::limit(TEMPLATE_MEMORY_LIMIT, TEMPLATE_CPU_SECONDS)?;
    }
    run_here(args)
}

/// Runs this same export in a child process under the limits above, with
/// the same standard streams, and answers its exit code; a child ended by
/// the limits (a signal) is reported as a template problem.
#[cfg(unix)]
fn run_sandboxed(dir: &Path) -> anyhow::Result<ExitCode> {
    use std::os::unix::process::ExitStatusExt;
    let exe = std::env::current_exe().context("cannot find the pledge program to render in")?;
    let status = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(SANDBOXED, "1")
        .status()
        .context("cannot start the process that renders the templates")?;
    if let Some(code) = status.code() {
        return Ok(ExitCode::from(u8::try_from(code).unwrap_or(2)));
    }
    let signal = status.signal().unwrap_or(0);
    eprintln!(
        "{}: error[template]: rendering with these templates took more than {} GiB of memory \
         or {TEMPLATE_CPU_SECONDS} s of processor time and was stopped (signal {signal}); \
         a list that doubles in a loop (`l = l + l`) does this; nothing was written",
        dir.display(),
        TEMPLATE_MEMORY_LIMIT >> 30,
    );
    Ok(ExitCode::FAILURE)
}

#[cfg(unix)]
mod sandbox {
    /// Caps this process's address space and processor time, and turns off
    /// core files (a render stopped by the cap aborts).
    pub fn limit(bytes: u64, cpu_seconds: u64) -> anyhow::Result<()> {
        let set = |resource, value: u64| {
            let mut limit = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            // SAFETY: getrlimit writes the struct passed by reference.
            if unsafe { libc::getrlimit(resource, &mut limit) } != 0 {
                anyhow::bail!(
                    "cannot read the limits of the template renderer: {}",
                    std::io::Error::last_os_error()
                );
            }
            // Never above a limit already set (only lowering is allowed).
            let value = (value as libc::rlim_t).min(limit.rlim_max);
            limit.rlim_cur = value;
            limit.rlim_max = value;
            // SAFETY: setrlimit reads the struct passed by reference and
            // changes only this process's limits.
            if unsafe { libc::setrlimit(resource, &limit) } != 0 {
                anyhow::bail!(
                    "cannot limit the template renderer: {}",
                    std::io::Error::last_os_error()
                );
            }
            Ok(())
        };
        set(libc::RLIMIT_CORE, 0)?;
        set(libc::RLIMIT_AS, bytes)?;
        set(libc::RLIMIT_CPU, cpu_seconds)
    }
}

fn run_here(args: ExportArgs) -> anyhow::Result<ExitCode> {
    // issue 12: export runs the validator first and refuses what `validate`
    // refuses, with the same located findings, so a contract is never
    // printed from an agreement with errors.
    let Some(agreement) = crate::agreement::read_checked(&args.agreement) else {
        return Ok(ExitCode::FAILURE);
    };
    let mut opts = ContractOptions {
        lang: args.lang.map(|l| match l {
            LangArg::En => Lang::En,
            LangArg::Fr => Lang::Fr,
        }),
        edition: match args.edition {
            EditionArg::Client => Edition::Client,
            EditionArg::Internal => Edition::Internal,
        },
        draft: args.draft,
        format: match args.format {
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Html => Format::Html,
            FormatArg::Md => Format::Markdown,
            FormatArg::Docx => Format::Docx,
        },
        ..ContractOptions::default()
    };
    let lang = opts.lang_for(&agreement);
    // A contract in a language some free text has no text for prints the
    // other language's: said for each field, as `validate` says it of a
    // bilingual agreement, and the export goes on.
    let language = match lang {
        Lang::En => pledge::model::Language::En,
        Lang::Fr => pledge::model::Language::Fr,
    };
    if let Ok(text) = format::read_text(&args.agreement) {
        let warnings = pledge::check::missing_translations_in(&text, language);
        crate::agreement::write_diagnostics(
            &mut std::io::stderr().lock(),
            &args.agreement,
            &warnings,
        )?;
    }
    if let Some(dir) = &args.template {
        opts.templates = Some(TemplateSet::from_dir(dir, lang)?);
    }
    if let Some(path) = &args.simulation {
        if opts.edition != Edition::Internal {
            bail!("--simulation goes in the internal edition only: add --edition internal");
        }
        let json = format::read_text(path)?;
        opts.simulation = Some(
            Simulation::from_json(&json)
                .with_context(|| format!("cannot read {}", path.display()))?,
        );
    }
    let bytes = contract::export(&agreement, &opts)?;
    if args.output == Path::new("-") {
        std::io::stdout().lock().write_all(&bytes)?;
    } else {
        pledge::atomic::write_atomically(&args.output, &bytes)?;
    }
    Ok(ExitCode::SUCCESS)
}
