//! The app's Simulation screen through the core (`sim::spec`,
//! `sim::charts`): the scenario an agreement starts with, and sizing
//! results that name each shift's place in the scenario.

use pledge::sim::charts::{
    coverage, frontier, recorded_figures, run, size, FrontierAxis, FrontierRequest,
    RecordedFigures, RunError, RunSettings,
};
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

fn quick() -> RunSettings {
    RunSettings {
        replications: 2,
        seed: 1,
        confidence: Some(0.5),
    }
}

fn request(target: &str, axis: FrontierAxis, list: &str) -> FrontierRequest {
    FrontierRequest {
        target: target.into(),
        axis,
        list: list.into(),
    }
}

#[test]
fn a_frontier_for_the_app_has_one_point_per_value_and_counts_its_points_in_progress() {
    let (agreement, scenario) = sample("internal-it-ola");
    let built = build(&scenario, &agreement).unwrap();
    let heard = std::sync::Mutex::new(Vec::new());
    let drawn = frontier(
        &built,
        &request("claims/P2/resolution", FrontierAxis::Target, "48h, 1h"),
        &quick(),
        &CancelToken::new(),
        &|p| heard.lock().unwrap().push(p),
    )
    .unwrap();
    let values: Vec<&str> = drawn.points.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(values, ["48h", "1h"]);
    assert_eq!(drawn.target, "claims/P2/resolution");
    let heard = heard.into_inner().unwrap();
    let last = heard.last().expect("progress was reported");
    assert_eq!((last.done, last.total), (2, 2));
    assert_eq!(last.evaluations, Some(drawn.simulated));
}

#[test]
fn a_frontier_for_the_app_names_the_target_or_the_list_it_refuses() {
    let (agreement, scenario) = sample("internal-it-ola");
    let built = build(&scenario, &agreement).unwrap();
    let refused =
        |r: FrontierRequest| match frontier(&built, &r, &quick(), &CancelToken::new(), &|_| {}) {
            Err(RunError::Frontier { path, source }) => (path, source.to_string()),
            other => panic!("expected a refusal, got {other:?}"),
        };
    let (path, message) = refused(request("claims/P9/resolution", FrontierAxis::Target, "4h"));
    assert_eq!(path, "target");
    assert!(message.contains("priority `P9`"), "{message}");
    let (path, message) = refused(request(
        "claims/P4/next_response",
        FrontierAxis::Target,
        "4h",
    ));
    assert_eq!(path, "target");
    assert!(message.contains("no next_response target"), "{message}");
    let (path, message) = refused(request(
        "claims/P2/resolution",
        FrontierAxis::Target,
        "4h, 0h",
    ));
    assert_eq!(path, "list");
    assert!(message.contains("value 2 of the list, `0h`"), "{message}");
    let (path, message) = refused(request(
        "claims/P2/resolution",
        FrontierAxis::Share,
        "90%, 101%",
    ));
    assert_eq!(path, "list");
    assert!(message.contains("share 2 of the list, `101%`"), "{message}");
}

#[test]
fn a_cancelled_frontier_reports_a_cancelled_run() {
    let (agreement, scenario) = sample("internal-it-ola");
    let built = build(&scenario, &agreement).unwrap();
    let token = CancelToken::new();
    token.cancel();
    let result = frontier(
        &built,
        &request("claims/P2/resolution", FrontierAxis::Target, "4h"),
        &quick(),
        &token,
        &|_| {},
    );
    assert!(
        matches!(result, Err(RunError::Sim(pledge::sim::SimError::Cancelled))),
        "{result:?}"
    );
}

#[test]
fn the_figures_of_a_recorded_run_are_read_back_from_its_json() {
    let (agreement, scenario) = sample("saas-multilevel");
    let built = build(&scenario, &agreement).unwrap();
    let finished = run(&built, &quick(), &CancelToken::new(), &|_| {}).unwrap();
    let figures = recorded_figures(&finished.record);
    let objectives = finished.record["objectives"].as_array().unwrap();
    assert_eq!(figures.objectives as usize, objectives.len());
    // Held: the mean compliance at or above the objective, counted here
    // from the record's own fields.
    let held = objectives
        .iter()
        .filter(|o| {
            let share: f64 = o["objective"]
                .as_str()
                .unwrap()
                .trim_end_matches('%')
                .parse()
                .unwrap();
            o["compliance"]["mean"].as_f64().unwrap() * 100.0 + 1e-9 >= share
        })
        .count();
    assert_eq!(figures.held as usize, held);
    assert!(held < objectives.len() || held > 0);
    assert_eq!(figures.currency.as_deref(), Some("USD"));
    assert_eq!(
        figures.staff_per_month,
        finished.record["credits"]["costs"]["staff_per_month"].as_f64()
    );
    assert!(figures.staff_per_month.unwrap() > 0.0);
    assert_eq!(figures.tickets, finished.record["tickets"]["mean"].as_f64());
    // A record from an older version without costs or objectives: absent,
    // never guessed.
    let old = serde_json::json!({"tickets": {"mean": 12.0}, "credits": {"currency": "EUR"}});
    let figures = recorded_figures(&old);
    assert_eq!((figures.objectives, figures.held), (0, 0));
    assert_eq!(figures.staff_per_month, None);
    assert_eq!(figures.credits_expected, None);
    assert_eq!(figures.currency.as_deref(), Some("EUR"));
    assert_eq!(
        recorded_figures(&serde_json::Value::Null),
        RecordedFigures::default()
    );
}

#[test]
fn coverage_counts_each_shift_by_the_share_of_the_hour_it_works() {
    let (agreement, mut scenario) = sample("internal-it-ola");
    // One team of two shifts: a day shift from half past nine on Monday,
    // and a night shift from Sunday 22:00 to Monday 06:00.
    let team = &mut scenario["staffing"]["teams"][0];
    team["shifts"] = serde_json::json!([
        {"name": "day", "days": ["mon"], "hours": "09:30-17:00", "headcount": 4},
        {"name": "night", "days": ["sun"], "hours": "22:00-06:00+1", "headcount": 2},
    ]);
    let built = build(&scenario, &agreement).unwrap();
    let teams = coverage(&built).unwrap();
    let first = &teams[0];
    assert_eq!(first.shifts.len(), 2);
    let day = &first.shifts[0].cover;
    assert_eq!((day[9], day[10], day[16], day[17]), (0.5, 1.0, 1.0, 0.0));
    let night = &first.shifts[1].cover;
    let sunday_22 = 6 * 24 + 22;
    assert_eq!(
        (night[sunday_22], night[167], night[0], night[5], night[6]),
        (1.0, 1.0, 1.0, 1.0, 0.0)
    );
    assert_eq!(first.scheduled[9], 2.0);
    assert_eq!(first.scheduled[12], 4.0);
    assert_eq!(first.scheduled[3], 2.0);
    assert_eq!(first.scheduled[24 + 12], 0.0);
    // Every hour with work: Erlang C asks for more agents than the work
    // alone keeps busy; an hour without work asks for none.
    for h in 0..168 {
        if first.offered[h] > 0.0 {
            assert!(f64::from(first.required[h]) > first.offered[h], "hour {h}");
        } else {
            assert_eq!(first.required[h], 0, "hour {h}");
        }
    }
    // Tuesday noon has work (the sample's curve) and no agent on duty.
    assert!(first.offered[24 + 12] > 0.0);
    let uncovered = (0..168)
        .filter(|&h| first.offered[h] > 0.0 && first.scheduled[h] == 0.0)
        .count();
    assert_eq!(first.hours_uncovered as usize, uncovered);
    assert!(first.hours_uncovered > 24);
    assert!(first.hours_under >= first.hours_uncovered);
    assert!(first.from_targets);
}
