//! The fuzzing harness: mutated sample agreements and scenarios run through
//! the real `pledge` binary, each command under a time and a memory limit,
//! every outcome classified.
//!
//! The same source serves the short run of the test suite (`tests/fuzz/`)
//! and the long run of `scripts/fuzz.sh` (`examples/fuzz.rs`), so a case
//! found by either replays the same way in both.

// Each of the two runs above uses only part of the harness.
#![allow(dead_code)]

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The file names of a case directory. Simulate finds the agreement through
/// the scenario's relative path, so a case is self-contained.
pub const AGREEMENT: &str = "agreement.yaml";
/// The scenario, one directory down so its `agreement: ../agreement.yaml`
/// path has the shape of the samples'.
pub const SCENARIO: &str = "scenarios/scenario.yaml";
/// What a case directory says about itself.
pub const CASE_FILE: &str = "case.txt";

/// Replications and threads for `simulate`: enough to run every part of the
/// model, few enough that a case takes a fraction of a second.
const SIM_ARGS: [&str; 6] = ["--replications", "2", "--threads", "1", "--seed", "1"];
/// The simulated period of every scenario case, set before mutation so that
/// a mutation can still make it huge.
const SHORT_WARM_UP: &str = "warm_up: 2d";
const SHORT_HORIZON: &str = "horizon: 14d";

/// Limits on one run of the binary.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// CPU time (`RLIMIT_CPU`, in whole seconds, rounded up). A process that
    /// waits instead of computing is killed after three times this in wall
    /// time: on a machine shared with builds, wall time alone would count a
    /// starved process as hung.
    pub time: Duration,
    /// Address space (`RLIMIT_AS`) in bytes.
    pub memory: u64,
}

/// The commands a case goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cmd {
    Validate,
    Fmt,
    ExportPdf,
    ExportMd,
    Simulate,
}

impl Cmd {
    pub const ALL: [Cmd; 5] = [
        Cmd::Validate,
        Cmd::Fmt,
        Cmd::ExportPdf,
        Cmd::ExportMd,
        Cmd::Simulate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Cmd::Validate => "validate",
            Cmd::Fmt => "fmt",
            Cmd::ExportPdf => "export-pdf",
            Cmd::ExportMd => "export-md",
            Cmd::Simulate => "simulate",
        }
    }

    pub fn parse(name: &str) -> Option<Cmd> {
        Cmd::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The command line, relative to the case directory.
    fn args(self, agreement: &str) -> Vec<String> {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match self {
            Cmd::Validate => owned(&["validate", agreement]),
            Cmd::Fmt => owned(&["fmt", "--force", agreement]),
            Cmd::ExportPdf => owned(&["export", agreement, "-o", "out.pdf"]),
            Cmd::ExportMd => owned(&["export", agreement, "-o", "out.md", "--format", "md"]),
            Cmd::Simulate => {
                let mut args = owned(&["simulate"]);
                args.extend(owned(&SIM_ARGS));
                args.push(SCENARIO.into());
                args
            }
        }
    }
}

/// How a command ended, from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Exit 0.
    Ok,
    /// Exit 1 with a message that names the place in the file.
    CleanError,
    /// A panic (exit 101 or "panicked" in the output).
    Panic,
    /// Killed by a signal or aborted, other than for memory.
    Crash,
    /// Still running at the time limit.
    Timeout,
    /// An allocation failed under the memory limit.
    MemoryLimit,
    /// An error about a file that does not say where in it.
    NoLocation,
    /// An error with an exit code other than 1, or exit 1 without a word.
    BadExit,
    /// `validate` accepted the agreement and this command refused it.
    OneGate,
    /// `fmt` output that does not validate, does not read back equal, or
    /// changes on a second `fmt`.
    FmtBroken,
}

impl Class {
    pub const ALL: [Class; 10] = [
        Class::Ok,
        Class::CleanError,
        Class::Panic,
        Class::Crash,
        Class::Timeout,
        Class::MemoryLimit,
        Class::NoLocation,
        Class::BadExit,
        Class::OneGate,
        Class::FmtBroken,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Ok => "ok",
            Class::CleanError => "clean-error",
            Class::Panic => "panic",
            Class::Crash => "crash",
            Class::Timeout => "timeout",
            Class::MemoryLimit => "memory-limit",
            Class::NoLocation => "no-location",
            Class::BadExit => "bad-exit",
            Class::OneGate => "one-gate",
            Class::FmtBroken => "fmt-broken",
        }
    }

    pub fn parse(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn is_failure(self) -> bool {
        !matches!(self, Class::Ok | Class::CleanError)
    }
}

/// One run of the binary.
#[derive(Clone, Debug)]
pub struct Run {
    /// The exit code, or `None` when killed (signal or time limit).
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub output: String,
    pub elapsed: Duration,
    /// Peak resident set of the child in KiB (`ru_maxrss`).
    pub max_rss_kib: u64,
}

/// The verdict on one command of a case.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub cmd: Cmd,
    pub class: Class,
    /// What was wrong, for a failure; the first line of the message else.
    pub detail: String,
    pub elapsed: Duration,
    pub max_rss_kib: u64,
}

/// Runs `bin args` in `dir` with stdout and stderr to files, under the
/// limits. The memory limit is set in the child between fork and exec, so
/// only the command under test is bounded.
pub fn run_limited(bin: &Path, dir: &Path, args: &[String], limits: Limits) -> io::Result<Run> {
    let out_path = dir.join(".stdout");
    let err_path = dir.join(".stderr");
    let mut cmd = std::process::Command::new(bin);
    cmd.args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path)?)
        .stderr(fs::File::create(&err_path)?);
    let memory = limits.memory;
    let cpu_seconds = limits.time.as_secs_f64().ceil().max(1.0) as u64;
    // SAFETY: the closure runs in the forked child before exec and calls
    // only setrlimit, which is async-signal-safe; it allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            let address_space = libc::rlimit {
                rlim_cur: memory as libc::rlim_t,
                rlim_max: memory as libc::rlim_t,
            };
            // SIGXCPU at the soft limit, SIGKILL a second later.
            let cpu = libc::rlimit {
                rlim_cur: cpu_seconds as libc::rlim_t,
                rlim_max: (cpu_seconds + 1) as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &address_space) != 0
                || libc::setrlimit(libc::RLIMIT_CPU, &cpu) != 0
            {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let wall_limit = limits.time * 3;
    let start = Instant::now();
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut timed_out = false;
    let mut pause = Duration::from_millis(1);
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let flags = if timed_out { 0 } else { libc::WNOHANG };
        // SAFETY: pid is our own child, not yet reaped; both pointers are
        // to live locals.
        let got = unsafe { libc::wait4(pid, &mut status, flags, &mut usage) };
        if got == pid {
            break (status, usage);
        }
        if got < 0 {
            let err = io::Error::last_os_error();
            if err.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(err);
        }
        if start.elapsed() >= wall_limit {
            // SAFETY: signalling our own child, which has not been reaped,
            // so the pid cannot have been reused.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
            timed_out = true;
            continue;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    // The child is reaped by wait4 above; dropping the handle neither waits
    // nor kills.
    drop(child);
    let mut output = read_head(&err_path)?;
    let stdout = read_head(&out_path)?;
    if !stdout.is_empty() {
        if !output.is_empty() {
            output.push('\n');
        }
        output.push_str(&stdout);
    }
    let _ = fs::remove_file(&out_path);
    let _ = fs::remove_file(&err_path);
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else if libc::WIFSIGNALED(status) {
        (None, Some(libc::WTERMSIG(status)))
    } else {
        (None, None)
    };
    // The CPU limit's signals are a timeout too; SIGKILL counts only when
    // the CPU time reached the hard limit (else it came from elsewhere).
    let cpu_used = Duration::from_secs(usage.ru_utime.tv_sec.max(0) as u64)
        + Duration::from_micros(usage.ru_utime.tv_usec.max(0) as u64)
        + Duration::from_secs(usage.ru_stime.tv_sec.max(0) as u64)
        + Duration::from_micros(usage.ru_stime.tv_usec.max(0) as u64);
    let out_of_cpu = signal == Some(libc::SIGXCPU)
        || (signal == Some(libc::SIGKILL) && cpu_used >= Duration::from_secs(cpu_seconds));
    Ok(Run {
        code,
        signal,
        timed_out: timed_out || out_of_cpu,
        output,
        elapsed,
        max_rss_kib: usage.ru_maxrss.max(0) as u64,
    })
}

/// The first 64 KiB of a file, as text: enough for any message.
fn read_head(path: &Path) -> io::Result<String> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(64 * 1024)
        .read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether `text` holds `name:LINE:COL` for one of the case's files.
fn has_location(text: &str) -> bool {
    ["agreement.yaml:", "scenario.yaml:", "agreement-fmt.yaml:"]
        .iter()
        .any(|name| has_location_in(text, name))
}

/// Whether `text` holds `name:LINE:COL` for the file `name` (with its
/// colon), or refuses the file `name` as a whole (`name: error[file]: …`,
/// e.g. larger than the 4 MiB a command reads: no line to point at).
fn has_location_in(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let rest = &text[at + name.len()..];
        if rest.starts_with(" error[file]:") {
            return true;
        }
        let line = rest.bytes().take_while(u8::is_ascii_digit).count();
        line > 0
            && rest[line..].starts_with(':')
            && rest[line + 1..]
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_digit())
    })
}

fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    line.chars().take(300).collect()
}

/// The class of a finished run, before the cross-command rules (one gate,
/// fmt) are applied.
pub fn classify(run: &Run) -> (Class, String) {
    let text = &run.output;
    if run.timed_out {
        return (
            Class::Timeout,
            format!("stopped after {:.1} s", run.elapsed.as_secs_f64()),
        );
    }
    if text.contains("memory allocation of") || text.contains("out of memory") {
        return (Class::MemoryLimit, first_line(text));
    }
    if run.code == Some(101) || text.contains("panicked") {
        let line = text
            .lines()
            .find(|l| l.contains("panicked"))
            .map(|l| l.chars().take(300).collect())
            .unwrap_or_else(|| first_line(text));
        let mut detail = line;
        if let Some(next) = text.lines().skip_while(|l| !l.contains("panicked")).nth(1) {
            detail.push_str(" | ");
            detail.extend(next.chars().take(300));
        }
        return (Class::Panic, detail);
    }
    if let Some(signal) = run.signal {
        return (
            Class::Crash,
            format!("signal {signal}: {}", first_line(text)),
        );
    }
    match run.code {
        Some(0) => (Class::Ok, String::new()),
        Some(1) if text.trim().is_empty() => (Class::BadExit, "exit 1 without a message".into()),
        Some(code) if !has_location(text) => (
            Class::NoLocation,
            format!("exit {code}: {}", first_line(text)),
        ),
        Some(1) => (Class::CleanError, first_line(text)),
        Some(code) => (Class::BadExit, format!("exit {code}: {}", first_line(text))),
        None => (
            Class::Crash,
            format!("no exit status: {}", first_line(text)),
        ),
    }
}

/// `validate` prints one finding a line; every line must start at its place.
fn validate_lines_located(text: &str) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .find(|l| !has_location(l))
        .map(|l| l.chars().take(300).collect())
}

fn outcome(cmd: Cmd, run: &Run, class: Class, detail: String) -> Outcome {
    Outcome {
        cmd,
        class,
        detail,
        elapsed: run.elapsed,
        max_rss_kib: run.max_rss_kib,
    }
}

/// What a case mutates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Agreement,
    Scenario,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Agreement => "agreement",
            Kind::Scenario => "scenario",
        }
    }
}

/// Runs a case directory through every command that concerns it. `only`
/// restricts the run to one command (and what its verdict depends on), for
/// minimising.
pub fn evaluate(
    bin: &Path,
    dir: &Path,
    kind: Kind,
    limits: Limits,
    only: Option<Cmd>,
) -> io::Result<Vec<Outcome>> {
    let mut outcomes = Vec::new();
    let wanted = |cmd: Cmd| only.is_none_or(|o| o == cmd);
    if kind == Kind::Scenario {
        if wanted(Cmd::Simulate) {
            let run = run_limited(bin, dir, &Cmd::Simulate.args(AGREEMENT), limits)?;
            let (class, detail) = classify(&run);
            outcomes.push(outcome(Cmd::Simulate, &run, class, detail));
        }
        return Ok(outcomes);
    }

    // Validate first: its verdict is the gate every other command keeps.
    let run = run_limited(bin, dir, &Cmd::Validate.args(AGREEMENT), limits)?;
    let (mut class, mut detail) = classify(&run);
    if class == Class::CleanError {
        if let Some(line) = validate_lines_located(&run.output) {
            class = Class::NoLocation;
            detail = format!("a finding without its place: {line}");
        }
    }
    let accepted = run.code == Some(0) && !run.timed_out;
    if wanted(Cmd::Validate) {
        outcomes.push(outcome(Cmd::Validate, &run, class, detail));
    }

    if wanted(Cmd::Fmt) || wanted(Cmd::ExportMd) {
        // Markdown is a function of the agreement alone, so it is how the
        // formatted copy is compared with the original.
        let md = run_limited(bin, dir, &Cmd::ExportMd.args(AGREEMENT), limits)?;
        let (mut class, mut detail) = classify(&md);
        if accepted && class == Class::CleanError {
            class = Class::OneGate;
            detail = format!("validate accepted, export md refused: {detail}");
        }
        let original_md = fs::read(dir.join("out.md")).ok();
        if wanted(Cmd::ExportMd) {
            outcomes.push(outcome(Cmd::ExportMd, &md, class, detail));
        }
        if wanted(Cmd::Fmt) {
            outcomes.push(check_fmt(bin, dir, limits, accepted, original_md)?);
        }
    }

    if wanted(Cmd::ExportPdf) {
        let run = run_limited(bin, dir, &Cmd::ExportPdf.args(AGREEMENT), limits)?;
        let (mut class, mut detail) = classify(&run);
        if accepted && class == Class::CleanError {
            class = Class::OneGate;
            detail = format!("validate accepted, export pdf refused: {detail}");
        }
        outcomes.push(outcome(Cmd::ExportPdf, &run, class, detail));
    }

    if wanted(Cmd::Simulate) {
        let run = run_limited(bin, dir, &Cmd::Simulate.args(AGREEMENT), limits)?;
        let (mut class, mut detail) = classify(&run);
        // A refusal placed in the scenario is the scenario naming a plan or
        // team the mutated agreement no longer has: not the gate's business.
        if accepted && class == Class::CleanError && !has_location_in(&run.output, "scenario.yaml:")
        {
            class = Class::OneGate;
            detail = format!("validate accepted, simulate refused: {detail}");
        }
        outcomes.push(outcome(Cmd::Simulate, &run, class, detail));
    }
    Ok(outcomes)
}

/// `fmt` on a copy: the process itself must end well, and when the original
/// validated, the copy must validate, read back to the same contract, and
/// not change on a second `fmt`.
fn check_fmt(
    bin: &Path,
    dir: &Path,
    limits: Limits,
    accepted: bool,
    original_md: Option<Vec<u8>>,
) -> io::Result<Outcome> {
    const COPY: &str = "agreement-fmt.yaml";
    fs::copy(dir.join(AGREEMENT), dir.join(COPY))?;
    let run = run_limited(bin, dir, &Cmd::Fmt.args(COPY), limits)?;
    let (class, detail) = classify(&run);
    let broken = |why: String| Ok(outcome(Cmd::Fmt, &run, Class::FmtBroken, why));
    if !accepted || class.is_failure() {
        return Ok(outcome(Cmd::Fmt, &run, class, detail));
    }
    if class != Class::Ok {
        return broken(format!(
            "fmt refused an agreement validate accepted: {detail}"
        ));
    }
    let again = run_limited(bin, dir, &Cmd::Validate.args(COPY), limits)?;
    if again.code != Some(0) {
        return broken(format!(
            "fmt output does not validate: {}",
            first_line(&again.output)
        ));
    }
    let check = run_limited(
        bin,
        dir,
        &["fmt".into(), "--check".into(), COPY.into()],
        limits,
    )?;
    if check.code != Some(0) {
        return broken(format!(
            "a second fmt changes the output: {}",
            first_line(&check.output)
        ));
    }
    let md = run_limited(
        bin,
        dir,
        &[
            "export".into(),
            COPY.into(),
            "-o".into(),
            "out-fmt.md".into(),
            "--format".into(),
            "md".into(),
        ],
        limits,
    )?;
    if md.code == Some(0)
        && original_md.is_some()
        && fs::read(dir.join("out-fmt.md")).ok() != original_md
    {
        return broken("fmt output does not read back equal (its contract differs)".into());
    }
    Ok(outcome(Cmd::Fmt, &run, Class::Ok, String::new()))
}

// ---------------------------------------------------------------------------
// Inputs and mutations.

/// A sample to start from.
#[derive(Clone, Debug)]
pub struct Base {
    pub name: String,
    pub agreement: String,
    /// The sample's scenario, shortened and pointed at `../agreement.yaml`.
    pub scenario: String,
}

/// The samples of `templates/samples/` under `root`, each with its scenario.
pub fn load_bases(root: &Path) -> io::Result<Vec<Base>> {
    let samples = root.join("templates/samples");
    let mut bases = Vec::new();
    let mut names: Vec<PathBuf> = fs::read_dir(&samples)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    for path in names {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let agreement = fs::read_to_string(&path)?;
        let scenario = fs::read_to_string(samples.join("scenarios").join(format!("{name}.yaml")))?;
        bases.push(Base {
            name,
            agreement,
            scenario: shorten_scenario(&scenario),
        });
    }
    Ok(bases)
}

/// Points the scenario at the case's agreement and makes its period short.
fn shorten_scenario(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = if line.starts_with("agreement:") {
            "agreement: ../agreement.yaml"
        } else if line.starts_with("warm_up:") {
            SHORT_WARM_UP
        } else if line.starts_with("horizon:") {
            SHORT_HORIZON
        } else {
            line
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// One generated case.
#[derive(Clone, Debug)]
pub struct Case {
    pub seed: u64,
    pub number: u64,
    pub base: String,
    pub kind: Kind,
    pub agreement: String,
    pub scenario: String,
    /// The mutations applied, in order, for the report.
    pub mutations: Vec<String>,
}

/// The generator of case `number` under `seed`: its own stream, so any case
/// can be replayed alone.
pub fn case_rng(seed: u64, number: u64) -> ChaCha8Rng {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&number.to_le_bytes());
    bytes[16..].copy_from_slice(b"pledge-fuzz-case");
    ChaCha8Rng::from_seed(bytes)
}

/// Builds case `number` under `seed`.
pub fn make_case(bases: &[Base], seed: u64, number: u64) -> Case {
    let mut rng = case_rng(seed, number);
    let base = &bases[rng.random_range(0..bases.len())];
    let kind = if rng.random_bool(0.7) {
        Kind::Agreement
    } else {
        Kind::Scenario
    };
    let source = match kind {
        Kind::Agreement => &base.agreement,
        Kind::Scenario => &base.scenario,
    };
    // Mostly one mutation, so that many cases still validate and go on to
    // the checks that need a valid agreement (fmt, one gate).
    let count = match rng.random_range(0..10) {
        0..6 => 1,
        6..9 => 2,
        _ => 3,
    };
    let mut text = source.clone();
    let mut mutations = Vec::new();
    for _ in 0..count {
        let (next, what) = mutate(&text, &mut rng);
        text = next;
        mutations.push(what);
    }
    let (agreement, scenario) = match kind {
        Kind::Agreement => (text, base.scenario.clone()),
        Kind::Scenario => (base.agreement.clone(), text),
    };
    Case {
        seed,
        number,
        base: base.name.clone(),
        kind,
        agreement,
        scenario,
        mutations,
    }
}

/// Writes the case's files into `dir` (created if needed).
pub fn write_case(dir: &Path, agreement: &str, scenario: &str) -> io::Result<()> {
    fs::create_dir_all(dir.join("scenarios"))?;
    fs::write(dir.join(AGREEMENT), agreement)?;
    fs::write(dir.join(SCENARIO), scenario)?;
    Ok(())
}

const HUGE_NUMBERS: &[&str] = &[
    "99999999999999999999999999",
    "18446744073709551616",
    "9223372036854775807",
    "4294967296",
    "1e308",
    "1e309",
    "-1e309",
    "1e-400",
    "-1",
    "-99999999999",
    "-0",
    "0",
    "0.0",
    ".nan",
    "NaN",
    ".inf",
    "-.inf",
    "inf",
    "0x7fffffff",
    "0o777",
    "1_000",
    "1.5",
    "00012",
];

const VALUES_OF_OTHER_TYPES: &[&str] = &[
    "[a, b]",
    "[]",
    "{k: v}",
    "{}",
    "~",
    "null",
    "true",
    "\"\"",
    "[[1, 2], {a: b}]",
    "!!binary aGVsbG8=",
    "!custom x",
    "? complex key",
    "|\n  block\n  text",
    "*undefined_alias",
];

const DATES: &[&str] = &[
    "9999-12-31",
    "0000-01-01",
    "0001-01-01",
    "1600-02-29",
    "2100-02-29",
    "2027-02-30",
    "2027-13-01",
    "2027-00-10",
    "1969-12-31",
    "2038-01-19",
    "2262-04-12",
    "262143-01-01",
    "+10000-01-01",
    "-0044-03-15",
    "2027-1-1",
    "2027-01-01T25:00:00",
    "2027-03-28T02:30:00",
];

const ZONES: &[&str] = &[
    "Mars/Olympus_Mons",
    "UTC",
    "Etc/GMT+14",
    "Etc/GMT-14",
    "EST5EDT",
    "\"\"",
    "local",
    "europe/paris",
    "Europe/Paris/Extra",
    "\"+05:30\"",
    "Z",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Antarctica/Troll",
    "Pacific/Kiritimati",
    "Africa/Casablanca",
    "../../etc/passwd",
];

const UNITS: &[&str] = &[
    "0m",
    "0s",
    "99999999999d",
    "18446744073709551615m",
    "-5h",
    "1e10h",
    "1.5m",
    "1h-30m",
    "150%",
    "-1%",
    "100.0000001%",
    "1e400%",
    "0%",
    "NaN%",
    "%",
    "100 %",
    "24:00",
    "25:61",
    "23:59:60",
    "00:00",
];

/// Characters the reader may refuse or change, and ordinary text from far
/// planes: controls, format characters, bidirectional overrides, line and
/// paragraph separators, NEL, BOM, combining marks, the last code points.
const AWKWARD_CHARS: &[char] = &[
    '\u{0}',
    '\u{1}',
    '\u{7}',
    '\u{8}',
    '\u{b}',
    '\u{c}',
    '\u{1b}',
    '\u{7f}',
    '\u{80}',
    '\u{85}',
    '\u{9f}',
    '\u{a0}',
    '\u{ad}',
    '\u{300}',
    '\u{34f}',
    '\u{61c}',
    '\u{180e}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{2028}',
    '\u{2029}',
    '\u{202a}',
    '\u{202e}',
    '\u{2060}',
    '\u{2066}',
    '\u{2069}',
    '\u{feff}',
    '\u{fff9}',
    '\u{fffd}',
    '\u{fffe}',
    '\u{ffff}',
    '\u{1d173}',
    '\u{1f600}',
    '\u{e0001}',
    '\u{e007f}',
    '\u{f0000}',
    '\u{10ffff}',
    '\t',
    '\r',
    '#',
    ':',
    '-',
    '[',
    ']',
    '{',
    '}',
    '&',
    '*',
    '!',
    '|',
    '>',
    '\'',
    '"',
    '%',
    '@',
    '`',
    ',',
    '?',
    '\\',
    ' ',
];

/// Escapes a double-quoted YAML string may hold, the surrogates among them.
const ESCAPES: &[&str] = &[
    "\\ud800",
    "\\udc00",
    "\\ud83d\\ude00",
    "\\ud83d",
    "\\u0000",
    "\\x85",
    "\\U0010ffff",
    "\\U00110000",
    "\\N",
    "\\L",
    "\\P",
    "\\_",
    "\\e",
    "\\0",
    "\\ufeff",
    "\\u202e",
    "\\q",
    "\\x",
    "\\u12",
];

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A random Unicode scalar value from anywhere in the code space.
fn any_char(rng: &mut ChaCha8Rng) -> char {
    loop {
        if let Some(c) = char::from_u32(rng.random_range(0..0x11_0000)) {
            return c;
        }
    }
}

/// The byte spans of the values of `key: value` lines and `- value` items.
fn value_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let indent = body.len() - trimmed.len();
        let start = if let Some(colon) = body.find(": ") {
            Some(colon + 2)
        } else if trimmed.starts_with("- ") {
            Some(indent + 2)
        } else {
            None
        };
        if let Some(start) = start {
            let value = &body[start..];
            if !value.trim().is_empty() {
                spans.push((at + start, at + body.len()));
            }
        }
        at += line.len();
    }
    spans
}

/// The byte spans of tokens matching `accept` (runs of the characters
/// `part` admits, starting with a character `first` admits).
fn token_spans(text: &str, first: fn(char) -> bool, part: fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut iter = text.char_indices().peekable();
    let mut prev = ' ';
    while let Some((i, c)) = iter.next() {
        if first(c) && !part(prev) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if !part(d) {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            spans.push((i, end));
            prev = text[..end].chars().next_back().unwrap_or(' ');
        } else {
            prev = c;
        }
    }
    spans
}

fn replace_span(text: &str, (start, end): (usize, usize), with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..start]);
    out.push_str(with);
    out.push_str(&text[end..]);
    out
}

/// Replaces a random span of `spans`, or falls back to a character flip
/// when there is none.
fn replace_one(
    text: &str,
    rng: &mut ChaCha8Rng,
    spans: &[(usize, usize)],
    with: &str,
    what: &str,
) -> (String, String) {
    if spans.is_empty() {
        return flip_char(text, rng);
    }
    let span = *pick(rng, spans);
    let line = text[..span.0].matches('\n').count() + 1;
    let shown: String = with.chars().take(40).collect();
    (
        replace_span(text, span, with),
        format!("{what} at line {line}: {shown:?}"),
    )
}

fn flip_char(text: &str, rng: &mut ChaCha8Rng) -> (String, String) {
    let positions: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    if positions.is_empty() {
        return ("x".into(), "flip in an empty text".into());
    }
    let at = *pick(rng, &positions);
    let old = text[at..].chars().next().unwrap();
    let new = if rng.random_bool(0.6) {
        *pick(rng, AWKWARD_CHARS)
    } else {
        any_char(rng)
    };
    let line = text[..at].matches('\n').count() + 1;
    (
        replace_span(text, (at, at + old.len_utf8()), &new.to_string()),
        format!("flip {old:?} to {new:?} at line {line}"),
    )
}

fn long_string(rng: &mut ChaCha8Rng) -> String {
    let len: usize = *pick(rng, &[1_000, 30_000, 100_000, 300_000]);
    let unit: String = match rng.random_range(0..5) {
        0 => "x".into(),
        1 => "https://example.com/".into(),
        2 => "9f86d081884c7d659a2feaa0c55ad015".into(),
        3 => "语".into(),
        _ => any_char(rng).to_string(),
    };
    let repeats = len.div_ceil(unit.chars().count());
    let s = unit.repeat(repeats);
    match rng.random_range(0..3) {
        0 => s,
        1 => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
        _ => format!("'{}'", s.replace('\'', "''")),
    }
}

fn deep_value(rng: &mut ChaCha8Rng) -> String {
    let depth = *pick(rng, &[10, 63, 64, 65, 200, 1_000, 100_000]);
    match rng.random_range(0..3) {
        0 => format!("{}x{}", "[".repeat(depth), "]".repeat(depth)),
        1 => format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth)),
        _ => {
            // Block nesting: one key a line, each indented further.
            let depth = depth.min(2_000);
            let mut s = String::new();
            for level in 0..depth {
                s.push('\n');
                s.push_str(&"  ".repeat(level + 8));
                s.push_str("k:");
            }
            s.push_str(" x");
            s
        }
    }
}

fn alias_value(rng: &mut ChaCha8Rng) -> String {
    match rng.random_range(0..4) {
        0 => {
            // Each level refers to the one before ten times: 10^levels.
            let levels = rng.random_range(3..12);
            let mut s = String::from("[&l0 [x, x, x, x, x, x, x, x, x, x]");
            for level in 1..levels {
                let refs = vec![format!("*l{}", level - 1); 10].join(", ");
                let _ = write!(s, ", &l{level} [{refs}]");
            }
            s.push(']');
            s
        }
        1 => "&same {a: 1, b: *same}".into(),
        2 => "*nowhere".into(),
        _ => "&a [1, 2, *a]".into(),
    }
}

/// Applies one random mutation; returns the text and a description.
pub fn mutate(text: &str, rng: &mut ChaCha8Rng) -> (String, String) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    match rng.random_range(0..16) {
        0 if lines.len() > 1 => {
            let at = rng.random_range(0..lines.len());
            let n = 1 + rng.random_range(0..3).min(lines.len() - at - 1);
            let mut out = lines.clone();
            out.drain(at..at + n);
            (out.concat(), format!("delete lines {}..{}", at + 1, at + n))
        }
        1 => {
            let at = rng.random_range(0..lines.len());
            let mut out = lines.clone();
            let times = if rng.random_bool(0.9) { 1 } else { 1000 };
            for _ in 0..times {
                out.insert(at, lines[at]);
            }
            (out.concat(), format!("duplicate line {} ×{times}", at + 1))
        }
        2 | 3 => flip_char(text, rng),
        4 => {
            let spans = token_spans(
                text,
                |c| c.is_ascii_digit(),
                |c| c.is_ascii_digit() || c == '.',
            );
            let with = *pick(rng, HUGE_NUMBERS);
            replace_one(text, rng, &spans, with, "number")
        }
        5 => {
            let with = *pick(rng, VALUES_OF_OTHER_TYPES);
            replace_one(text, rng, &value_spans(text), with, "value of another type")
        }
        6 => {
            // A key whose value is a block (a mapping or a list below it)
            // given a scalar instead, or a scalar given a block.
            let starts: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.trim_end().ends_with(':'))
                .map(|(i, _)| i)
                .collect();
            if starts.is_empty() || rng.random_bool(0.3) {
                let with = "\n      - a\n      - b";
                return replace_one(text, rng, &value_spans(text), with, "list for a scalar");
            }
            let at = *pick(rng, &starts);
            let mut out = lines.clone();
            let replaced = format!(
                "{} {}\n",
                lines[at].trim_end(),
                pick(rng, &["x", "1", "[]"])
            );
            out[at] = &replaced;
            (
                out.concat(),
                format!("scalar for the block at line {}", at + 1),
            )
        }
        7 => {
            let with = long_string(rng);
            replace_one(text, rng, &value_spans(text), &with, "long string")
        }
        8 => {
            let with = deep_value(rng);
            replace_one(text, rng, &value_spans(text), &with, "deep nesting")
        }
        9 => {
            let with = alias_value(rng);
            replace_one(text, rng, &value_spans(text), &with, "alias")
        }
        10 => {
            let at = if rng.random_bool(0.5) {
                0
            } else {
                let positions: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                *pick(rng, &positions)
            };
            (
                replace_span(text, (at, at), "\u{feff}"),
                format!("BOM at byte {at}"),
            )
        }
        11 => match rng.random_range(0..3) {
            0 => (text.replace('\n', "\r\n"), "CRLF line ends".into()),
            1 => (text.replace('\n', "\r"), "CR line ends".into()),
            _ => {
                let at = rng.random_range(0..lines.len());
                let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                out[at] = out[at].replace('\n', "\r\n");
                (out.concat(), format!("one CRLF at line {}", at + 1))
            }
        },
        12 => {
            let at = rng.random_range(0..lines.len());
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let line = &out[at];
            let body = line.trim_start_matches(' ');
            out[at] = if rng.random_bool(0.5) {
                format!("\t{body}")
            } else {
                line.replacen(": ", ":\t", 1)
            };
            (out.concat(), format!("tab at line {}", at + 1))
        }
        13 => {
            // Text with awkward characters, plain or escaped in double
            // quotes (surrogates can only be written as escapes).
            let spans = value_spans(text);
            let with = if rng.random_bool(0.5) {
                let mut s = String::from("\"Tally");
                for _ in 0..rng.random_range(1..4) {
                    let escape = *pick(rng, ESCAPES);
                    s.push_str(escape);
                }
                s.push_str("loop\"");
                s
            } else {
                let mut s = String::from("Tally");
                for _ in 0..rng.random_range(1..4) {
                    let c = if rng.random_bool(0.5) {
                        *pick(rng, AWKWARD_CHARS)
                    } else {
                        any_char(rng)
                    };
                    s.push(c);
                }
                s.push_str("loop");
                if rng.random_bool(0.5) {
                    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
                } else {
                    s
                }
            };
            replace_one(text, rng, &spans, &with, "awkward text")
        }
        14 => {
            let spans = token_spans(
                text,
                |c| c.is_ascii_digit(),
                |c| c.is_ascii_digit() || c == '-' || c == 'T' || c == ':',
            );
            let dates: Vec<(usize, usize)> = spans
                .into_iter()
                .filter(|&(s, e)| e - s >= 10 && text[s..e].matches('-').count() >= 2)
                .collect();
            let with = *pick(rng, DATES);
            replace_one(text, rng, &dates, with, "date")
        }
        _ => {
            if rng.random_bool(0.5) {
                let spans = token_spans(
                    text,
                    |c| c.is_ascii_uppercase(),
                    |c| c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-',
                );
                let zones: Vec<(usize, usize)> = spans
                    .into_iter()
                    .filter(|&(s, e)| text[s..e].contains('/'))
                    .collect();
                let with = *pick(rng, ZONES);
                replace_one(text, rng, &zones, with, "time zone")
            } else {
                let spans = token_spans(
                    text,
                    |c| c.is_ascii_digit(),
                    |c| c.is_ascii_alphanumeric() || c == '.' || c == '%' || c == ':',
                );
                let units: Vec<(usize, usize)> = spans
                    .into_iter()
                    .filter(|&(s, e)| text[s..e].contains(['%', 'm', 'h', 'd', ':']))
                    .collect();
                let with = *pick(rng, UNITS);
                replace_one(text, rng, &units, with, "duration, percentage or time")
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Minimising and recording.

/// Removes lines of the mutated file while `cmd` still fails with `class`,
/// within `budget` of wall time; returns the smaller text.
pub fn minimise(
    bin: &Path,
    scratch: &Path,
    case: &Case,
    cmd: Cmd,
    class: Class,
    limits: Limits,
    budget: Duration,
) -> io::Result<String> {
    let start = Instant::now();
    let mutated = match case.kind {
        Kind::Agreement => &case.agreement,
        Kind::Scenario => &case.scenario,
    };
    let mut lines: Vec<String> = mutated.split_inclusive('\n').map(String::from).collect();
    let still_fails = |lines: &[String]| -> io::Result<bool> {
        let text = lines.concat();
        let (agreement, scenario) = match case.kind {
            Kind::Agreement => (text.as_str(), case.scenario.as_str()),
            Kind::Scenario => (case.agreement.as_str(), text.as_str()),
        };
        let _ = fs::remove_dir_all(scratch);
        write_case(scratch, agreement, scenario)?;
        let outcomes = evaluate(bin, scratch, case.kind, limits, Some(cmd))?;
        Ok(outcomes.iter().any(|o| o.cmd == cmd && o.class == class))
    };
    let mut chunk = lines.len().div_ceil(2).max(1);
    loop {
        let mut at = 0;
        while at < lines.len() {
            if start.elapsed() > budget {
                return Ok(lines.concat());
            }
            let end = (at + chunk).min(lines.len());
            let mut candidate = lines.clone();
            candidate.drain(at..end);
            if !candidate.is_empty() && still_fails(&candidate)? {
                lines = candidate;
            } else {
                at = end;
            }
        }
        if chunk == 1 {
            break;
        }
        chunk = chunk.div_ceil(2);
    }
    Ok(lines.concat())
}

/// Writes a reproducer directory: the files and `case.txt` saying which
/// command failed how, and how to generate the case again.
pub fn record(dir: &Path, case: &Case, text: &str, outcome: &Outcome) -> io::Result<()> {
    let (agreement, scenario) = match case.kind {
        Kind::Agreement => (text, case.scenario.as_str()),
        Kind::Scenario => (case.agreement.as_str(), text),
    };
    write_case(dir, agreement, scenario)?;
    let mut info = String::new();
    let _ = writeln!(info, "kind: {}", case.kind.name());
    let _ = writeln!(info, "command: {}", outcome.cmd.name());
    let _ = writeln!(info, "class: {}", outcome.class.name());
    let _ = writeln!(info, "seed: {}", case.seed);
    let _ = writeln!(info, "case: {}", case.number);
    let _ = writeln!(info, "base: {}", case.base);
    for m in &case.mutations {
        let _ = writeln!(info, "mutation: {}", m.replace('\n', "\\n"));
    }
    let _ = writeln!(info, "detail: {}", outcome.detail.replace('\n', " "));
    fs::write(dir.join(CASE_FILE), info)
}

/// A recorded case read back: its kind and the fields of `case.txt`.
pub struct Recorded {
    pub kind: Kind,
    pub fields: BTreeMap<String, String>,
    pub mutations: Vec<String>,
}

pub fn read_recorded(dir: &Path) -> io::Result<Recorded> {
    let text = fs::read_to_string(dir.join(CASE_FILE))?;
    let mut fields = BTreeMap::new();
    let mut mutations = Vec::new();
    for line in text.lines() {
        if let Some((k, v)) = line.split_once(": ") {
            if k == "mutation" {
                mutations.push(v.to_string());
            }
            fields.entry(k.to_string()).or_insert_with(|| v.to_string());
        }
    }
    let kind = if fields.get("kind").map(String::as_str) == Some("scenario") {
        Kind::Scenario
    } else {
        Kind::Agreement
    };
    Ok(Recorded {
        kind,
        fields,
        mutations,
    })
}

/// Copies a recorded case into `scratch` (commands write beside their
/// inputs, and a fixture must not change) and evaluates it.
pub fn replay(
    bin: &Path,
    recorded_dir: &Path,
    scratch: &Path,
    limits: Limits,
) -> io::Result<Vec<Outcome>> {
    let recorded = read_recorded(recorded_dir)?;
    let _ = fs::remove_dir_all(scratch);
    let agreement = fs::read_to_string(recorded_dir.join(AGREEMENT))?;
    let scenario = fs::read_to_string(recorded_dir.join(SCENARIO))?;
    write_case(scratch, &agreement, &scenario)?;
    evaluate(bin, scratch, recorded.kind, limits, None)
}

// ---------------------------------------------------------------------------
// A run of many cases and its figures.

/// Settings of a run.
pub struct Settings {
    pub bin: PathBuf,
    pub root: PathBuf,
    pub seed: u64,
    pub first_case: u64,
    /// Stop after this many cases …
    pub cases: Option<u64>,
    /// … or after this much time, whichever comes first.
    pub duration: Option<Duration>,
    pub limits: Limits,
    /// Where reproducers go; none writes nothing.
    pub findings: Option<PathBuf>,
    /// Wall time allowed to minimise one finding.
    pub minimise_budget: Duration,
    /// Failures to tolerate: each is (command, class, text in the detail,
    /// why). A tolerated failure is still counted and listed.
    pub known: Vec<Known>,
    /// Print each failure as it is found.
    pub verbose: bool,
}

/// A failure left to another fix, tolerated until that fix lands.
#[derive(Clone, Debug)]
pub struct Known {
    pub cmd: Option<Cmd>,
    pub class: Class,
    pub detail_contains: &'static str,
    /// Text in one of the case's mutations ("" for any).
    pub mutation_contains: &'static str,
    pub why: &'static str,
}

impl Known {
    pub fn matches(&self, o: &Outcome, mutations: &[String]) -> bool {
        self.cmd.is_none_or(|c| c == o.cmd)
            && self.class == o.class
            && o.detail.contains(self.detail_contains)
            && mutations.iter().any(|m| m.contains(self.mutation_contains))
    }
}

/// A failure found by a run.
#[derive(Clone, Debug)]
pub struct Finding {
    pub case: u64,
    pub base: String,
    pub kind: Kind,
    pub mutations: Vec<String>,
    pub outcome: Outcome,
    pub known: Option<&'static str>,
    pub reproducer: Option<PathBuf>,
}

/// The figures of a run.
#[derive(Default)]
pub struct Summary {
    pub cases: u64,
    pub elapsed: Duration,
    pub per_command: BTreeMap<Cmd, BTreeMap<Class, u64>>,
    pub slowest: Vec<(Duration, u64, Cmd, Class)>,
    pub peak_rss: BTreeMap<Cmd, (u64, u64)>,
    pub findings: Vec<Finding>,
}

impl Summary {
    /// Failures not tolerated by `Settings::known`.
    pub fn unexpected(&self) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.known.is_none()).collect()
    }

    fn add(&mut self, case: u64, o: &Outcome) {
        *self
            .per_command
            .entry(o.cmd)
            .or_default()
            .entry(o.class)
            .or_default() += 1;
        self.slowest.push((o.elapsed, case, o.cmd, o.class));
        self.slowest.sort_by_key(|s| Reverse(s.0));
        self.slowest.truncate(5);
        let peak = self.peak_rss.entry(o.cmd).or_default();
        if o.max_rss_kib > peak.0 {
            *peak = (o.max_rss_kib, case);
        }
    }

    /// The closing figures, for people.
    pub fn report(&self, seed: u64) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "fuzz: {} cases in {:.1} s (seed {seed})",
            self.cases,
            self.elapsed.as_secs_f64()
        );
        let _ = write!(s, "{:<12}", "command");
        for class in Class::ALL {
            let _ = write!(s, " {:>12}", class.name());
        }
        let _ = writeln!(s, " {:>14}", "peak RSS");
        for (cmd, counts) in &self.per_command {
            let _ = write!(s, "{:<12}", cmd.name());
            for class in Class::ALL {
                let _ = write!(s, " {:>12}", counts.get(&class).copied().unwrap_or(0));
            }
            let (rss, case) = self.peak_rss.get(cmd).copied().unwrap_or_default();
            let _ = writeln!(s, " {:>7.1} MiB #{case}", rss as f64 / 1024.0);
        }
        let _ = writeln!(s, "slowest:");
        for (elapsed, case, cmd, class) in &self.slowest {
            let _ = writeln!(
                s,
                "  {:>8.3} s  case {case} {} ({})",
                elapsed.as_secs_f64(),
                cmd.name(),
                class.name()
            );
        }
        let unexpected = self.unexpected().len();
        let _ = writeln!(
            s,
            "failures: {} ({} known, left to their fix; {unexpected} new)",
            self.findings.len(),
            self.findings.len() - unexpected
        );
        for f in &self.findings {
            let _ = writeln!(
                s,
                "  seed {seed} case {}: {} {} [{} {}]{}{}: {}",
                f.case,
                f.outcome.cmd.name(),
                f.outcome.class.name(),
                f.kind.name(),
                f.base,
                f.known.map(|k| format!(" known: {k}")).unwrap_or_default(),
                f.reproducer
                    .as_ref()
                    .map(|p| format!(" → {}", p.display()))
                    .unwrap_or_default(),
                f.outcome.detail
            );
        }
        s
    }
}

/// The signature under which findings count as the same bug: the command,
/// the class and the message with numbers and quoted text taken out.
fn signature(o: &Outcome) -> String {
    let mut s = format!("{} {} ", o.cmd.name(), o.class.name());
    // The words after the file's name say what kind of problem it is; the
    // first few of them, without values, group the findings.
    let words = o.detail.rsplit("yaml: ").next().unwrap_or("");
    let mut quoted = false;
    let mut kept = 0;
    for c in words.chars() {
        if kept == 24 {
            break;
        }
        if c == '"' || c == '`' {
            quoted = !quoted;
            continue;
        }
        if quoted {
            continue;
        }
        s.push(if c.is_ascii_digit() { '#' } else { c });
        kept += 1;
    }
    s
}

/// Runs cases from `settings.first_case` on until the count or the time is
/// up, and returns the figures.
pub fn run(settings: &Settings) -> io::Result<Summary> {
    let bases = load_bases(&settings.root)?;
    let work = tempfile::tempdir()?;
    let mut summary = Summary::default();
    let mut seen = std::collections::HashSet::new();
    let start = Instant::now();
    let mut number = settings.first_case;
    loop {
        if settings.cases.is_some_and(|n| summary.cases >= n)
            || settings.duration.is_some_and(|d| start.elapsed() >= d)
        {
            break;
        }
        let case = make_case(&bases, settings.seed, number);
        let dir = work.path().join("case");
        let _ = fs::remove_dir_all(&dir);
        write_case(&dir, &case.agreement, &case.scenario)?;
        let outcomes = evaluate(&settings.bin, &dir, case.kind, settings.limits, None)?;
        summary.cases += 1;
        for o in &outcomes {
            summary.add(number, o);
            if !o.class.is_failure() {
                continue;
            }
            let known = settings
                .known
                .iter()
                .find(|k| k.matches(o, &case.mutations))
                .map(|k| k.why);
            let mut reproducer = None;
            if let Some(findings) = &settings.findings {
                if seen.insert(signature(o)) {
                    let scratch = work.path().join("minimise");
                    let text = minimise(
                        &settings.bin,
                        &scratch,
                        &case,
                        o.cmd,
                        o.class,
                        settings.limits,
                        settings.minimise_budget,
                    )?;
                    let path = findings.join(format!(
                        "s{}-c{}-{}-{}",
                        settings.seed,
                        number,
                        o.cmd.name(),
                        o.class.name()
                    ));
                    record(&path, &case, &text, o)?;
                    reproducer = Some(path);
                }
            }
            if settings.verbose {
                eprintln!(
                    "fuzz: seed {} case {}: {} {}: {}",
                    settings.seed,
                    number,
                    o.cmd.name(),
                    o.class.name(),
                    o.detail
                );
            }
            summary.findings.push(Finding {
                case: number,
                base: case.base.clone(),
                kind: case.kind,
                mutations: case.mutations.clone(),
                outcome: o.clone(),
                known,
                reproducer,
            });
        }
        number += 1;
    }
    summary.elapsed = start.elapsed();
    Ok(summary)
}
