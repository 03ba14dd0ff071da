//! The app's Simulation screen through the core (`sim::spec`,
//! `sim::charts`): the scenario an agreement starts with, and sizing
//! results that name each shift's place in the scenario.

use pledge::sim::charts::{size, RunSettings};
use pledge::sim::run::CancelToken;
use pledge::sim::spec::{build, initial_scenario};
use serde_json::Value;

/// A sample agreement as the editor holds it, and the scenario it starts
/// with, shortened to run quickly.
fn sample(name: &str) -> (Value, Value) {
    let text = pledge::samples::find(name).expect("a sample").text;
    let agreement = serde_json::to_value(pledge::format::read(text).expect("reads")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 10, 4).unwrap();
    let spec = initial_scenario(&agreement, today).expect("a scenario");
    let mut scenario = serde_json::to_value(spec).unwrap();
    scenario["warm_up"] = "2d".into();
    scenario["horizon"] = "10d".into();
    (agreement, scenario)
}

#[test]
fn sizing_reports_every_shift_with_its_place_in_the_scenario() {
    let (agreement, scenario) = sample("internal-it-ola");
    let built = build(&scenario, &agreement).unwrap();
    let settings = RunSettings {
        replications: 2,
        seed: 1,
        confidence: Some(0.5),
    };
    let sized = size(&built, &settings, &CancelToken::new(), &|_| {}).unwrap();
    let teams = scenario["staffing"]["teams"].as_array().unwrap();
    let shifts: usize = teams
        .iter()
        .map(|t| t["shifts"].as_array().unwrap().len())
        .sum();
    assert_eq!(sized.shifts.len(), shifts);
    for row in &sized.shifts {
        let shift = &teams[row.team_index]["shifts"][row.shift_index];
        assert_eq!(shift["name"], row.shift.as_str());
        assert_eq!(shift["headcount"], row.current);
    }
    assert!(sized.evaluations >= 1);
}

#[test]
fn a_sample_starts_with_its_own_scenario_and_another_agreement_with_a_derived_one() {
    let (_, scenario) = sample("saas-multilevel");
    assert_eq!(
        scenario["staffing"]["teams"][1]["name"],
        "Customer Support (Tier 1)"
    );
    let blank = pledge::format::read(pledge::samples::BLANK.text).expect("the starter reads");
    let today = chrono::NaiveDate::from_ymd_opt(2024, 10, 4).unwrap();
    let derived = pledge::sim::spec::default_scenario(&blank, today);
    assert_eq!(
        derived.workload.mix.len(),
        blank.plans.len() * blank.priorities.len()
    );
    let value = serde_json::to_value(&derived).unwrap();
    assert_eq!(value["start"], "2024-10-04");
    let agreement = serde_json::to_value(&blank).unwrap();
    build(&value, &agreement).expect("the derived scenario reads back");
}
