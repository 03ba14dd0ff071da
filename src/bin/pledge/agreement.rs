//! `pledge validate`, `fmt`, `new` and `schema`: working with agreement files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use pledge::check::{self, Diagnostic, Severity};
use pledge::{format, samples};

/// How results are printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One line a finding, for people and editors.
    Text,
    /// JSON, for tools.
    Json,
}

#[derive(Args)]
pub struct ValidateArgs {
    /// Agreement files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

#[derive(Args)]
pub struct FmtArgs {
    /// Agreement files to rewrite in place.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Only report files that are not in canonical form (exit 1 if any).
    #[arg(long)]
    check: bool,
    /// Rewrite even files with comments, which the canonical form drops.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct NewArgs {
    /// The sample to start from.
    #[arg(long, value_parser = sample_names())]
    sample: String,
    /// Where to write the new agreement; refuses to overwrite a file.
    #[arg(short, long)]
    output: PathBuf,
}

fn sample_names() -> Vec<&'static str> {
    samples::SAMPLES.iter().map(|s| s.name).collect()
}

pub fn validate(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    let mut errors = 0;
    let mut all = Vec::new();
    for file in &args.files {
        let diagnostics = match format::read_text(file) {
            Ok(text) => check::check_text(&text).diagnostics,
            Err(e) => vec![file_diagnostic(&e)],
        };
        errors += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        all.push((file, diagnostics));
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Text => {
            for (file, diagnostics) in &all {
                write_diagnostics(&mut out, file, diagnostics)?;
            }
        }
        OutputFormat::Json => {
            let files: Vec<_> = all
                .iter()
                .map(|(file, diagnostics)| serde_json::json!({"file": file, "diagnostics": diagnostics}))
                .collect();
            serde_json::to_writer_pretty(&mut out, &files)?;
            writeln!(out)?;
        }
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A finding is one line, so that editors and tools can take each line as
/// `file:line:col: …`: a message quoting text with a line break (or another
/// character an editor breaks lines at) would otherwise go on under no
/// place. Such characters are written as escapes.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    let breaks = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.contains(breaks) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if breaks(c) => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

/// Prints findings one a line, placed in `file`, as `validate` prints them.
pub fn write_diagnostics(
    out: &mut dyn Write,
    file: &Path,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let name = file.display().to_string();
    for d in diagnostics {
        writeln!(out, "{}", one_line(&d.display_in(&name).to_string()))?;
    }
    Ok(())
}

/// Reads and checks an agreement file for a command that uses it (`export`
/// and the like): the agreement when it has no error, else `None` after
/// printing every finding to standard error exactly as `validate` prints
/// them, so that no command works on an agreement `validate` refuses.
pub fn read_checked(file: &Path) -> Option<pledge::model::Agreement> {
    let diagnostics = match format::read_text(file) {
        Ok(text) => {
            let report = check::check_text(&text);
            match report.agreement {
                Some(agreement) if !report.has_errors() => return Some(agreement),
                _ => report.diagnostics,
            }
        }
        Err(e) => vec![file_diagnostic(&e)],
    };
    let _ = write_diagnostics(&mut std::io::stderr().lock(), file, &diagnostics);
    None
}

/// A file that cannot be read, as a finding without a place in the file.
fn file_diagnostic(e: &format::FileError) -> Diagnostic {
    Diagnostic {
        code: "file",
        severity: Severity::Error,
        path: String::new(),
        message: e.to_string(),
        location: None,
    }
}

pub fn fmt(args: FmtArgs) -> anyhow::Result<ExitCode> {
    let mut differing = 0;
    for file in &args.files {
        // issue 12: a file fmt cannot read is the user's to fix, as in
        // `validate`: the problem with its place, and exit 1.
        let text = match format::read_text(file) {
            Ok(text) => text,
            Err(e) => {
                // Said as `validate` says it: the file's name, then the
                // finding about the whole file.
                eprintln!(
                    "{}: error[file]: {e}; the file was left as it is",
                    file.display()
                );
                return Ok(ExitCode::from(1));
            }
        };
        let agreement = match format::read(&text) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("pledge: {}; the file was left as it is", describe(file, &e));
                return Ok(ExitCode::from(1));
            }
        };
        let canonical = format::write(&agreement);
        if canonical == text {
            continue;
        }
        differing += 1;
        if args.check {
            println!("{} is not in canonical form", file.display());
            continue;
        }
        if let Some(first) = format::comments(&text).first().filter(|_| !args.force) {
            bail!(
                "{}:{}:{}: the file has comments (the first starts here), which the canonical form does not keep; move them into description fields, or pass --force to drop them",
                file.display(),
                first.line,
                first.column
            );
        }
        pledge::atomic::write_atomically(file, canonical.as_bytes())?;
        println!("formatted {}", file.display());
    }
    Ok(if args.check && differing > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub fn new(args: NewArgs) -> anyhow::Result<ExitCode> {
    let sample = samples::find(&args.sample)
        .with_context(|| format!("no sample named `{}`", args.sample))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.output)
        .with_context(|| {
            format!(
                "cannot create {} (an existing file is never overwritten)",
                args.output.display()
            )
        })?;
    file.write_all(sample.text.as_bytes())?;
    println!(
        "wrote {} from sample `{}`",
        args.output.display(),
        sample.name
    );
    Ok(ExitCode::SUCCESS)
}

pub fn schema() -> anyhow::Result<ExitCode> {
    println!("{}", serde_json::to_string_pretty(&format::json_schema())?);
    Ok(ExitCode::SUCCESS)
}

/// A format error as one line: `file:line:col: message (field path)`.
pub fn describe(file: &Path, e: &format::FormatError) -> String {
    let place = e
        .location
        .map(|l| format!(":{}:{}", l.line, l.column))
        .unwrap_or_default();
    let path = if e.path.is_empty() {
        String::new()
    } else {
        format!(" ({})", e.path)
    };
    format!("{}{place}: {}{path}", file.display(), e.message)
}
