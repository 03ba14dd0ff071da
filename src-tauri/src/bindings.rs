//! The JSON Schema of everything the UI exchanges with the shell: the
//! core's agreement model and the shell's transport types. The UI's
//! TypeScript types are generated from it (`npm run gen:types` in ui/), and
//! tests on both sides fail when either file drifts from the Rust types.

use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

use crate::dto::{
    AgreementSummary, Change, Diagnostic, Edited, Exported, Opened, SampleInfo, Startup,
    VersionInfo, VersionSaved,
};
use crate::dto::{ContractChoice, ContractPreview, RedlineView, SavedPdf, Settings};
use crate::error::AppError;

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
        ] {
            assert!(
                schema["$defs"].get(name).is_some() || schema["properties"].get(name).is_some(),
                "{name} is missing"
            );
        }
    }
}
