//! What the UI exchanges with the shell, declared once in Rust and
//! generated for the UI: the JSON Schema of every exchanged type (the
//! core's agreement model, the shell's transport types, the closed list of
//! error codes), from which the UI's TypeScript types are generated (`npm
//! run gen:types` in ui/), and the table of commands ([`COMMANDS`]: name,
//! arguments and result), from which `ui/src/lib/bindings/commands.ts`, the
//! UI's typed calls, is written. Tests fail when a committed file drifts
//! from the Rust types, when a declared command's arguments or result
//! differ from its function's, and when the table, the invoke handler,
//! build.rs and the capabilities do not name the same commands.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::marker::PhantomData;

use schemars::generate::SchemaGenerator;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{json, Map, Value};

use crate::dto::{
    AgreementSummary, Change, Diagnostic, Edited, Exported, Opened, SampleInfo, Startup,
    VersionInfo, VersionSaved,
};
use crate::dto::{ContractChoice, ContractPreview, DocLang, RedlineView, SavedPdf, Settings};
use crate::dto::{PortfolioRow, PortfolioState, RecordedRun, ScenarioState};
use crate::error::AppError;
use crate::library::tickets::{
    CalibratedScenario, HistoryReport, HistoryRow, ImportSummary, ImportTick, PickedExport,
    ReportAgreement, TargetUsed,
};
use crate::simulation::{
    Frontier, FrontierRequest, PortfolioResults, RunProgress, RunSettings, ScenarioSpec,
    SimulationResults, SizingResults, TeamCoverage,
};
use pledge::history::targets::HistoryTargets;
use pledge::model::Metric;
use pledge::sim::portfolio::PortfolioSpec;
use pledge::sim::whatif::WhatIf;
use pledge::store::settings::WordMaps;

/// Where the schema is committed, relative to this crate.
pub const SCHEMA_FILE: &str = "../ui/src/lib/bindings/schema.json";

/// The schema: every exchanged type under `$defs`, named by its Rust name.
pub fn schema() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let mut roots = Map::new();
    let mut add = |name: &str, schema: schemars::Schema| {
        roots.insert(name.to_string(), schema.to_value());
    };
    add(
        "Agreement",
        generator.subschema_for::<pledge::model::Agreement>(),
    );
    add("SampleInfo", generator.subschema_for::<SampleInfo>());
    add(
        "AgreementSummary",
        generator.subschema_for::<AgreementSummary>(),
    );
    add("Diagnostic", generator.subschema_for::<Diagnostic>());
    add("Opened", generator.subschema_for::<Opened>());
    add("Edited", generator.subschema_for::<Edited>());
    add("Exported", generator.subschema_for::<Exported>());
    add("VersionInfo", generator.subschema_for::<VersionInfo>());
    add("VersionSaved", generator.subschema_for::<VersionSaved>());
    add("Change", generator.subschema_for::<Change>());
    add("Startup", generator.subschema_for::<Startup>());
    add("AppError", generator.subschema_for::<AppError>());
    add(
        "ScenarioState",
        generator.subschema_for::<crate::dto::ScenarioState>(),
    );
    add(
        "ScenarioSpec",
        generator.subschema_for::<crate::simulation::ScenarioSpec>(),
    );
    add(
        "RunSettings",
        generator.subschema_for::<crate::simulation::RunSettings>(),
    );
    add(
        "RunProgress",
        generator.subschema_for::<crate::simulation::RunProgress>(),
    );
    add(
        "SimulationResults",
        generator.subschema_for::<crate::simulation::SimulationResults>(),
    );
    add(
        "SizingResults",
        generator.subschema_for::<crate::simulation::SizingResults>(),
    );
    add(
        "ContractChoice",
        generator.subschema_for::<ContractChoice>(),
    );
    add(
        "ContractPreview",
        generator.subschema_for::<ContractPreview>(),
    );
    add("SavedPdf", generator.subschema_for::<SavedPdf>());
    add("RedlineView", generator.subschema_for::<RedlineView>());
    add("Settings", generator.subschema_for::<Settings>());
    // Every type a command takes or gives has its definition too.
    for command in COMMANDS {
        (command.declare)(&mut generator);
    }
    let defs: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    let required: Vec<&String> = roots.keys().collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "PledgeBindings",
        "description": "Generated from the Rust types by pledge-app's bindings module; do not edit.",
        "type": "object",
        "properties": roots,
        "required": required,
        "additionalProperties": false,
        "$defs": defs,
    })
}

/// The schema as committed: pretty JSON ending with a newline.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// One command the UI can invoke, as declared in [`COMMANDS`].
pub struct CommandDecl {
    /// The command's name: its function's in `commands.rs`.
    pub name: &'static str,
    /// What it does, for the generated call's comment.
    pub doc: &'static str,
    /// Its arguments as the Rust function names and types them, without
    /// the state and app handle Tauri passes in.
    pub args: &'static [(&'static str, &'static str)],
    /// Its result type as written in Rust, without `Result<_, AppError>`.
    pub result: &'static str,
    /// The JSON Schema of each argument and of the result, made with the
    /// generator so that named types are among its definitions.
    pub declare: fn(&mut SchemaGenerator) -> (Vec<Schema>, Schema),
}

/// Stands for `tauri::ipc::Channel<T>` in [`COMMANDS`]: the UI passes a
/// `Channel` that the command sends `T`s over (run progress).
pub struct Channel<T>(PhantomData<T>);

impl<T: JsonSchema> JsonSchema for Channel<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Channel_of_{}", T::schema_name()).into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>().to_value();
        schemars::json_schema!({ CHANNEL_KEY: item })
    }
}

/// The key a [`Channel`]'s schema keeps its message type under.
const CHANNEL_KEY: &str = "x-channel";

/// Declares the commands: for each, its doc, name, arguments (`name:
/// RustType`, or `name: RustType as UiType` when the shell takes a JSON
/// value that the UI builds as a typed one) and result type.
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident ( $( $arg:ident : $ty:ty $(as $ui:ty)? ),* ) -> $ret:ty;
    )*) => {
        /// Every command the UI can invoke, in the order the invoke handler
        /// lists them.
        pub const COMMANDS: &[CommandDecl] = &[$(
            CommandDecl {
                name: stringify!($name),
                doc: concat!($($doc),+),
                args: &[$((stringify!($arg), stringify!($ty))),*],
                result: stringify!($ret),
                declare: |generator| {
                    let args = vec![$(commands!(@schema generator, $ty $(, $ui)?)),*];
                    (args, generator.subschema_for::<$ret>())
                },
            },
        )*];
    };
    (@schema $generator:ident, $ty:ty) => { $generator.subschema_for::<$ty>() };
    (@schema $generator:ident, $ty:ty, $ui:ty) => { $generator.subschema_for::<$ui>() };
}

commands! {
    /// Where the data is and whether the library opened; asking again retries.
    startup() -> Startup;
    /// The samples and starters to create an agreement from.
    list_samples() -> Vec<SampleInfo>;
    /// The library's rows.
    list_agreements() -> Vec<AgreementSummary>;
    /// The trash's rows.
    list_trash() -> Vec<AgreementSummary>;
    /// Creates an agreement from a sample.
    new_agreement(sample: String) -> Opened;
    /// An agreement with its findings.
    get_agreement(id: String) -> Opened;
    /// Records an edit, autosaves the draft and returns the new findings.
    edit_agreement(id: String, agreement: Value as pledge::model::Agreement) -> Edited;
    /// Undoes the last edit.
    undo(id: String) -> Opened;
    /// Redoes the last undone edit.
    redo(id: String) -> Opened;
    /// Saves the agreement as a new version with a message.
    save_version(id: String, message: String) -> VersionSaved;
    /// The saved versions, newest first.
    list_versions(id: String) -> Vec<VersionInfo>;
    /// What changed between two versions.
    compare_versions(id: String, from: u32, to: u32, lang: DocLang) -> Vec<Change>;
    /// Moves an agreement to the trash.
    trash_agreement(id: String) -> ();
    /// Brings an agreement back from the trash.
    restore_agreement(id: String) -> ();
    /// Deletes an agreement in the trash for good.
    purge_agreement(id: String) -> ();
    /// Asks for a YAML file and imports it; null when the user cancels.
    import_file() -> Option<Opened>;
    /// Asks where to export an agreement as YAML; null when the user cancels.
    export_file(id: String) -> Option<Exported>;
    /// The agreement's simulation scenario with its problems.
    get_scenario(id: String) -> ScenarioState;
    /// Saves an edited scenario and returns its problems.
    edit_scenario(id: String, scenario: Value as ScenarioSpec) -> Vec<AppError>;
    /// Runs the scenario with the agreement in the editor, streaming progress.
    run_simulation(
        id: String,
        run: u32,
        settings: RunSettings,
        on_progress: Channel<RunProgress>
    ) -> SimulationResults;
    /// Sizes every shift of the scenario, streaming progress.
    size_staffing(
        id: String,
        run: u32,
        settings: RunSettings,
        on_progress: Channel<RunProgress>
    ) -> SizingResults;
    /// A what-if: a kept baseline scenario and the scenario as it is now, run with the same settings.
    compare_scenarios(
        id: String,
        baseline: Value as ScenarioSpec,
        run: u32,
        settings: RunSettings,
        on_progress: Channel<RunProgress>
    ) -> WhatIf;
    /// A what-if: a run recorded in the library (its scenario on its version) and the scenario as it is now.
    compare_with_run(
        id: String,
        baseline_run: i64,
        run: u32,
        settings: RunSettings,
        on_progress: Channel<RunProgress>
    ) -> WhatIf;
    /// The frontier of one target: agents, staff cost and credits for each value, streaming progress.
    draw_frontier(
        id: String,
        request: FrontierRequest,
        run: u32,
        settings: RunSettings,
        on_progress: Channel<RunProgress>
    ) -> Frontier;
    /// The scenario's week per team: shifts, agents on duty, work offered and the Erlang C requirement per hour.
    scenario_coverage(id: String) -> Vec<TeamCoverage>;
    /// The runs recorded against the agreement's versions, newest first.
    list_runs(id: String) -> Vec<RecordedRun>;
    /// Asks a run or sizing under way to stop; false when none has that number.
    cancel_run(run: u32) -> bool;
    /// The portfolios, by name.
    list_portfolios() -> Vec<PortfolioRow>;
    /// A portfolio with its problems.
    get_portfolio(name: String) -> PortfolioState;
    /// Makes and saves a portfolio of the agreements picked.
    new_portfolio(name: String, agreements: Vec<String>) -> PortfolioState;
    /// Saves an edited portfolio (renamed from `previous`) and returns its problems.
    save_portfolio(previous: Option<String>, portfolio: Value as PortfolioSpec) -> Vec<AppError>;
    /// Deletes a portfolio; its agreements stay in the library.
    delete_portfolio(name: String) -> ();
    /// Runs a saved portfolio, streaming progress.
    run_portfolio(
        name: String,
        run: u32,
        settings: RunSettings,
        on_progress: Channel<RunProgress>
    ) -> PortfolioResults;
    /// The contract's pages as they will print.
    preview_contract(id: String, choice: ContractChoice) -> ContractPreview;
    /// Asks where to save the contract as PDF; null when the user cancels.
    save_contract_pdf(id: String, choice: ContractChoice) -> Option<SavedPdf>;
    /// Asks where to save the contract as a Word document; null when the user cancels.
    save_contract_docx(id: String, choice: ContractChoice) -> Option<Exported>;
    /// The clause-level redline of two versions, in the given language.
    redline_versions(id: String, from: u32, to: u32, lang: DocLang) -> RedlineView;
    /// Asks where to save the comparison of two versions as PDF; null when
    /// the user cancels.
    save_redline_pdf(
        id: String,
        from: u32,
        to: u32,
        lang: DocLang,
        collapse: bool
    ) -> Option<Exported>;
    /// Asks where to save the comparison of two versions as a Word document
    /// with tracked changes; null when the user cancels.
    save_redline_docx(
        id: String,
        from: u32,
        to: u32,
        lang: DocLang,
        collapse: bool
    ) -> Option<Exported>;
    /// The user's settings.
    get_settings() -> Settings;
    /// Sets the author recorded on new versions.
    set_author(author: String) -> Settings;
    /// The ticket histories of the library.
    list_histories() -> Vec<HistoryRow>;
    /// Asks for a ticket export and keeps it for import_history; null when
    /// the user cancels.
    pick_history_export() -> Option<PickedExport>;
    /// Imports the chosen export into a history, streaming progress.
    import_history(name: String, run: u32, on_progress: Channel<ImportTick>) -> ImportSummary;
    /// The compliance a history would have had under the agreement.
    history_report(id: String, history: String, agreement: ReportAgreement) -> HistoryReport;
    /// The targets a history says the team held under the agreement.
    history_targets(id: String, history: String, agreement: ReportAgreement, tickets: f64, months: f64) -> HistoryTargets;
    /// Writes a target a history says the team holds into the agreement in the editor.
    use_target(id: String, row: u32, metric: Metric, value: String) -> TargetUsed;
    /// The scenario with its workload and work calibrated from a history.
    calibrate_scenario(id: String, history: String) -> CalibratedScenario;
    /// A history's word maps.
    get_word_maps(history: String) -> WordMaps;
    /// Keeps a history's word maps.
    set_word_maps(history: String, maps: WordMaps) -> WordMaps;
}

/// Where the generated calls are committed, relative to this crate.
pub const COMMANDS_FILE: &str = "../ui/src/lib/bindings/commands.ts";

/// A Rust name in the UI's spelling, as Tauri maps argument names:
/// `on_progress` is `onProgress`.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript type of an argument's or a result's schema, naming the
/// generated types; `names` gathers the names used. The schemas of the
/// commands' types are references, plain scalars, arrays, nullable values
/// and channels; anything else would be a new kind of type to teach here,
/// so it fails the bindings test rather than be typed loosely.
fn ts_type(schema: &Value, names: &mut BTreeSet<String>) -> Result<String, String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference
            .rsplit('/')
            .next()
            .unwrap_or(reference)
            .to_string();
        names.insert(name.clone());
        return Ok(name);
    }
    if let Some(item) = schema.get(CHANNEL_KEY) {
        return Ok(format!("Channel<{}>", ts_type(item, names)?));
    }
    if let Some(Value::Array(options)) = schema.get("anyOf").or_else(|| schema.get("oneOf")) {
        let parts: Result<Vec<String>, String> =
            options.iter().map(|o| ts_type(o, names)).collect();
        return Ok(parts?.join(" | "));
    }
    let one = |kind: &str, names: &mut BTreeSet<String>| -> Result<String, String> {
        Ok(match kind {
            "string" => "string".into(),
            "integer" | "number" => "number".into(),
            "boolean" => "boolean".into(),
            "null" => "null".into(),
            "array" => {
                let item = ts_type(schema.get("items").unwrap_or(&Value::Null), names)?;
                if item.contains(' ') {
                    format!("({item})[]")
                } else {
                    format!("{item}[]")
                }
            }
            other => {
                return Err(format!(
                    "no TypeScript type for a schema of type `{other}`: {schema}"
                ))
            }
        })
    };
    match schema.get("type") {
        Some(Value::String(kind)) => one(kind, names),
        Some(Value::Array(kinds)) => {
            let parts: Result<Vec<String>, String> = kinds
                .iter()
                .map(|k| one(k.as_str().unwrap_or_default(), names))
                .collect();
            Ok(parts?.join(" | "))
        }
        _ => Err(format!("no TypeScript type for the schema {schema}")),
    }
}

/// The UI's typed calls, one a command of [`COMMANDS`]: TypeScript that
/// calls each command by its name with its arguments in the UI's spelling.
pub fn commands_text() -> Result<String, String> {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let mut names = BTreeSet::new();
    let mut channel = false;
    let mut body = String::new();
    for command in COMMANDS {
        let (args, result) = (command.declare)(&mut generator);
        let mut params = Vec::new();
        let mut keys = Vec::new();
        for ((name, _), schema) in command.args.iter().zip(&args) {
            let ty = ts_type(schema.as_value(), &mut names)?;
            channel |= ty.starts_with("Channel<");
            let key = camel_case(name);
            params.push(format!("{key}: {ty}"));
            keys.push(key);
        }
        let result = ts_type(result.as_value(), &mut names)?;
        let doc = command.doc.split_whitespace().collect::<Vec<_>>().join(" ");
        let args = if keys.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", keys.join(", "))
        };
        body.push_str(&format!(
            "    /** {doc} */\n    {}: ({}): Promise<{result}> => call<{result}>('{}'{args}),\n",
            camel_case(command.name),
            params.join(", "),
            command.name,
        ));
    }
    let mut text = String::from(
        "/* Generated from the command table in src-tauri/src/bindings.rs by `PLEDGE_UPDATE_BINDINGS=1 cargo test -p pledge-app bindings`; do not edit. */\n",
    );
    if channel {
        text.push_str("import type { Channel } from '@tauri-apps/api/core';\n");
    }
    let names: Vec<String> = names.into_iter().collect();
    text.push_str(&format!(
        "import type {{ {} }} from './types';\n\n",
        names.join(", ")
    ));
    text.push_str(
        "/** How a command is sent: Tauri's `invoke`, or a wrapper around it. */\n\
         export type Invoke = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;\n\n\
         /** Every command the shell registers, each a typed call through `call`. */\n\
         export function commands(call: Invoke) {\n  return {\n",
    );
    text.push_str(&body);
    text.push_str("  };\n}\n");
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when the Rust types changed and the committed schema was not
    /// regenerated. Regenerate with `PLEDGE_UPDATE_BINDINGS=1 cargo test -p
    /// pledge-app bindings`, then `npm run gen:types` in ui/.
    #[test]
    fn committed_schema_matches_the_rust_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_FILE);
        let fresh = schema_text();
        if std::env::var_os("PLEDGE_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("the schema file is writable");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is out of date: run `PLEDGE_UPDATE_BINDINGS=1 cargo test -p pledge-app bindings` then `npm run gen:types` in ui/",
            path.display()
        );
    }

    /// Fails when the command table changed and the committed calls were
    /// not regenerated (same command as the schema's).
    #[test]
    fn committed_commands_match_the_table() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(COMMANDS_FILE);
        let fresh = commands_text().expect("every command's types have a TypeScript form");
        if std::env::var_os("PLEDGE_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("the commands file is writable");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is out of date: run `PLEDGE_UPDATE_BINDINGS=1 cargo test -p pledge-app bindings`",
            path.display()
        );
    }

    fn source(file: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn squeeze(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Splits at the commas outside brackets.
    fn top_level(text: &str) -> Vec<String> {
        let (mut parts, mut current, mut depth) = (Vec::new(), String::new(), 0i32);
        for c in text.chars() {
            match c {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut current));
                    continue;
                }
                _ => {}
            }
            current.push(c);
        }
        parts.push(current);
        parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
    }

    /// A command's name, its arguments (name, type) and its result type.
    type Signature = (String, Vec<(String, String)>, String);

    /// Each `#[tauri::command]` function of commands.rs as (name, the
    /// arguments the UI passes, the result type without
    /// `Result<_, AppError>`), whitespace removed.
    fn command_functions() -> Vec<Signature> {
        let text = source("src/commands.rs");
        let mut found = Vec::new();
        for part in text.split("#[tauri::command]").skip(1) {
            let start = part.find("fn ").expect("a function follows the attribute") + 3;
            let signature = &part[start..part.find('{').expect("a body")];
            let open = signature.find('(').expect("arguments");
            let mut depth = 0;
            let close = signature
                .char_indices()
                .skip(open)
                .find(|&(_, c)| {
                    depth += match c {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map(|(i, _)| i)
                .expect("arguments end");
            let name = signature[..open].trim().to_string();
            let args = top_level(&signature[open + 1..close])
                .iter()
                .map(|a| {
                    let (arg, ty) = a.split_once(':').expect("name: type");
                    (arg.trim().to_string(), squeeze(ty))
                })
                .filter(|(_, ty)| !ty.starts_with("State<") && ty != "AppHandle")
                .collect();
            let ret = squeeze(signature[close + 1..].trim().trim_start_matches("->"));
            let ret = match ret
                .strip_prefix("Result<")
                .and_then(|r| r.strip_suffix(",AppError>"))
            {
                Some(ok) => ok.to_string(),
                None => ret,
            };
            found.push((name, args, ret));
        }
        found
    }

    /// A renamed or retyped argument, or a changed result, fails here
    /// rather than in the end-to-end tests.
    #[test]
    fn declared_commands_match_their_functions() {
        let functions = command_functions();
        let declared: Vec<Signature> = COMMANDS
            .iter()
            .map(|c| {
                let args = c
                    .args
                    .iter()
                    .map(|(name, ty)| (name.to_string(), squeeze(ty)))
                    .collect();
                (c.name.to_string(), args, squeeze(c.result))
            })
            .collect();
        let mut functions_sorted = functions.clone();
        functions_sorted.sort();
        let mut declared_sorted = declared.clone();
        declared_sorted.sort();
        assert_eq!(declared_sorted, functions_sorted);
        assert_eq!(functions.len(), COMMANDS.len());
    }

    /// The table, the invoke handler, build.rs's manifest and the
    /// capability name the same commands in the same order, so a command
    /// added without being declared (or granted) fails a test.
    #[test]
    fn declared_commands_are_registered_listed_and_granted() {
        let declared: Vec<String> = COMMANDS.iter().map(|c| c.name.to_string()).collect();
        let lib = source("src/lib.rs");
        let handler = lib
            .split("generate_handler![")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .expect("the invoke handler");
        let registered: Vec<String> = handler
            .split(',')
            .map(|c| c.trim().trim_start_matches("commands::").to_string())
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(registered, declared, "the invoke handler in lib.rs");
        let build = source("build.rs");
        let listed = build
            .split("let commands: &[&str] = &[")
            .nth(1)
            .and_then(|rest| rest.split("];").next())
            .expect("build.rs's command list");
        let listed: Vec<String> = listed
            .split(',')
            .map(|c| c.trim().trim_matches('"').to_string())
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(listed, declared, "build.rs's AppManifest");
        let capability: Value =
            serde_json::from_str(&source("capabilities/default.json")).expect("JSON");
        let granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        assert_eq!(granted, declared, "capabilities/default.json");
    }

    #[test]
    fn command_calls_use_the_uis_names_and_types() {
        let text = commands_text().expect("generated");
        for line in [
            "    runSimulation: (id: string, run: number, settings: RunSettings, onProgress: Channel<RunProgress>): Promise<SimulationResults> => call<SimulationResults>('run_simulation', { id, run, settings, onProgress }),",
            "    editAgreement: (id: string, agreement: Agreement): Promise<Edited> => call<Edited>('edit_agreement', { id, agreement }),",
            "    importFile: (): Promise<Opened | null> => call<Opened | null>('import_file'),",
            "    trashAgreement: (id: string): Promise<null> => call<null>('trash_agreement', { id }),",
        ] {
            assert!(text.contains(line), "{line}\n{text}");
        }
        assert_eq!(camel_case("save_redline_pdf"), "saveRedlinePdf");
    }

    #[test]
    fn schema_names_every_exchanged_type() {
        let schema = schema();
        for name in [
            "Agreement",
            "Opened",
            "Diagnostic",
            "AppError",
            "Target",
            "MetricTarget",
            "CreditTier",
            "VersionInfo",
            "Change",
            "Startup",
            "ErrorCode",
        ] {
            assert!(
                schema["$defs"].get(name).is_some() || schema["properties"].get(name).is_some(),
                "{name} is missing"
            );
        }
    }
}
