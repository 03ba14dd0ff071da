//! `pledge erlang` through the real binary.

use assert_cmd::Command;
use serde_json::Value;

fn pledge_json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("pledge").unwrap().arg("erlang").args(args).args(["--format", "json"]).assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("JSON output")
}

#[test]
fn target_mode_finds_the_fewest_agents_and_schedules_for_shrinkage() {
    // 10 Erlangs, 80/20: 13 agents give 75.9 %, 14 give 86.1 %.
    let v = pledge_json(&["--arrivals-per-hour", "100", "--aht", "6m", "--target", "80%", "--answer-within", "20s", "--shrinkage", "30%"]);
    assert_eq!(v["agents"], 14);
    assert_eq!(v["scheduled_agents"], 20);
    assert_eq!(v["model"], "Erlang C");
    assert!(v["analytic"]["service_level"].as_f64().unwrap() >= 0.8);
}

#[test]
fn simulate_prints_intervals_beside_the_analytic_figures() {
    let v = pledge_json(&[
        "--arrivals-per-hour", "100", "--aht", "6m", "--agents", "9", "--answer-within", "20s", "--patience", "5m",
        "--simulate", "--replications", "4", "--tickets-per-replication", "20000", "--seed", "3",
    ]);
    assert_eq!(v["model"], "Erlang A");
    let sim = &v["simulated"]["abandonment"];
    let (low, high) = (sim["low"].as_f64().unwrap(), sim["high"].as_f64().unwrap());
    assert!(low < high && low > 0.1 && high < 0.3, "{sim}");
    assert_eq!(v["simulated"]["replications"], 4);
}

#[test]
fn unstable_queue_and_bad_units_are_reported() {
    let out = Command::cargo_bin("pledge")
        .unwrap()
        .args(["erlang", "--arrivals-per-hour", "100", "--aht", "6m", "--agents", "9", "--answer-within", "20s"])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("at least 11 agents"));
    let out = Command::cargo_bin("pledge")
        .unwrap()
        .args(["erlang", "--arrivals-per-hour", "100", "--aht", "6 minutes", "--agents", "9", "--answer-within", "20s"])
        .assert()
        .failure();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("not a valid duration"));
}
