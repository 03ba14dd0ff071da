//! `pledge export`: the contract of an agreement as PDF, HTML or Markdown.

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

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
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
        },
        ..ContractOptions::default()
    };
    let lang = opts.lang_for(&agreement);
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
        write_atomically(&args.output, &bytes)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a sibling temporary file and renames it over `path`, so a reader
/// never sees half a contract and a failed export leaves the old file.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "contract".into());
    let temp = dir.join(format!(".{name}.pledge-tmp"));
    std::fs::write(&temp, bytes).with_context(|| format!("cannot write {}", temp.display()))?;
    if let Err(e) = std::fs::rename(&temp, path) {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("cannot replace {}", path.display()));
    }
    Ok(())
}
