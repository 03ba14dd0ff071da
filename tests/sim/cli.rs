//! `pledge erlang`, `pledge simulate` and `pledge size` through the real
//! binary, run against temporary files and a temporary data folder.

use assert_cmd::Command;
use serde_json::Value;

use super::{json_of, run_in, scenario_dir};

fn pledge_json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("pledge")
        .unwrap()
        .arg("erlang")
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("JSON output")
}

#[test]
fn target_mode_finds_the_fewest_agents_and_schedules_for_shrinkage() {
    // 10 Erlangs, 80/20: 13 agents give 75.9 %, 14 give 86.1 %.
    let v = pledge_json(&[
        "--arrivals-per-hour",
        "100",
        "--aht",
        "6m",
        "--target",
        "80%",
        "--answer-within",
        "20s",
        "--shrinkage",
        "30%",
    ]);
    assert_eq!(v["agents"], 14);
    assert_eq!(v["scheduled_agents"], 20);
    assert_eq!(v["model"], "Erlang C");
    assert!(v["analytic"]["service_level"].as_f64().unwrap() >= 0.8);
}

#[test]
fn simulate_prints_intervals_beside_the_analytic_figures() {
    let v = pledge_json(&[
        "--arrivals-per-hour",
        "100",
        "--aht",
        "6m",
        "--agents",
        "9",
        "--answer-within",
        "20s",
        "--patience",
        "5m",
        "--simulate",
        "--replications",
        "4",
        "--tickets-per-replication",
        "20000",
        "--seed",
        "3",
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
        .args([
            "erlang",
            "--arrivals-per-hour",
            "100",
            "--aht",
            "6m",
            "--agents",
            "9",
            "--answer-within",
            "20s",
        ])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("at least 11 agents"));
    let out = Command::cargo_bin("pledge")
        .unwrap()
        .args([
            "erlang",
            "--arrivals-per-hour",
            "100",
            "--aht",
            "6 minutes",
            "--agents",
            "9",
            "--answer-within",
            "20s",
        ])
        .assert()
        .failure();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("not a valid duration"));
}

const SMALL_DESK: &str = include_str!("../fixtures/sim/small-desk.yaml");

#[test]
fn size_finds_two_agents_a_shift_for_the_small_desk() {
    let dir = scenario_dir(SMALL_DESK);
    let common = [
        "size",
        "scenario.yaml",
        "--confidence",
        "90%",
        "--replications",
        "3",
        "--seed",
        "2",
        "--threads",
        "1",
    ];
    let out = run_in(&dir, &[&common[..], &["--format", "json"]].concat());
    let v = json_of(&out);
    // One agent a shift is a load of one Erlang on one agent (never keeps
    // up); two answer about 98 % within 30 minutes (Erlang C).
    let shifts = v["shifts"].as_array().expect("shifts");
    assert_eq!(shifts.len(), 2, "{v}");
    for s in shifts {
        assert_eq!(s["current"], 3, "{s}");
        assert_eq!(s["recommended"], 2, "{s}");
    }
    assert_eq!(v["current_meets"], true);
    assert_eq!(v["current_agent_hours"].as_f64(), Some(6.0 * 12.0 * 7.0));
    assert_eq!(
        v["recommended_agent_hours"].as_f64(),
        Some(4.0 * 12.0 * 7.0)
    );
    assert_eq!(v["confidence"].as_f64(), Some(0.9));
    // The search starts from Erlang C on the scenario's own work and
    // target (issue 16 point 8): 1,008 tickets a week is 6 an hour of 10
    // minutes each, aimed at 80 % within 30 minutes, which `pledge erlang`
    // answers with 2 agents; not 80 % within an hour of one-hour work.
    let basis = &v["erlang_basis"][0];
    assert_eq!(
        basis["answer_within_seconds"].as_f64(),
        Some(1800.0),
        "{basis}"
    );
    assert_eq!(basis["service_level"].as_f64(), Some(0.8), "{basis}");
    assert_eq!(basis["from_targets"], true);
    let handle = basis["mean_handle_seconds"].as_f64().unwrap();
    assert!((handle - 600.0).abs() < 1e-6, "{basis}");
    let erlang = pledge_json(&[
        "--arrivals-per-hour",
        "6",
        "--aht",
        "10m",
        "--target",
        "80%",
        "--answer-within",
        "30m",
    ]);
    for s in shifts {
        assert_eq!(s["erlang"], erlang["scheduled_agents"], "{s}");
    }
    let objective = &v["objectives"][0];
    assert_eq!(objective["metric"], "first_response");
    assert!(
        objective["p_meets"].as_f64().is_some_and(|p| p >= 0.9),
        "{objective}"
    );
    // The same search as a table.
    let out = run_in(&dir, &common);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("every objective met in at least 90.0% of months"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("Desk") && l.contains("day") && l.contains("2 (-1)")),
        "{text}"
    );
    assert!(
        text.contains("agent-hours per week: 504.0 today → 336.0 recommended"),
        "{text}"
    );
    assert!(
        text.contains("  Desk: 80.0% answered within 30m (the tightest first-response target of the tickets it triages), work sessions of 10m on average"),
        "{text}"
    );
    // Nothing is written next to the scenario.
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["scenario.yaml"]);
}

#[test]
fn a_bad_scenario_is_reported_with_its_place() {
    let dir = scenario_dir(&SMALL_DESK.replace("headcount: 3}", "headcount: -3}"));
    for command in ["size", "simulate"] {
        let out = run_in(&dir, &[command, "scenario.yaml"]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("scenario.yaml"), "{command}: {err}");
        assert!(
            err.contains("staffing.teams[0].shifts[0].headcount"),
            "{command}: {err}"
        );
        assert!(err.contains("scenario.yaml:53:"), "{command}: {err}");
        assert!(out.stdout.is_empty(), "{command}");
    }
    // A missing file names it.
    let out = run_in(&dir, &["size", "nowhere.yaml"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere.yaml"));
}

#[test]
fn simulate_writes_json_that_repeats_on_one_or_two_threads() {
    let scenario = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/samples/scenarios/fr-pme-infogerance.yaml");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = |threads: &str| {
        let out = Command::cargo_bin("pledge")
            .unwrap()
            .env("PLEDGE_DATA_DIR", dir.path())
            .arg("simulate")
            .arg(&scenario)
            .args([
                "--replications",
                "3",
                "--seed",
                "8",
                "--threads",
                threads,
                "--format",
                "json",
            ])
            .output()
            .expect("pledge runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"), "the same figures on one thread or two");
    let v: Value = serde_json::from_slice(&one).expect("JSON output");
    assert_eq!(v["replications"], 3);
    assert_eq!(v["seed"], 8);
    assert_eq!(
        v["months"].as_array().map(Vec::len),
        Some(3),
        "{}",
        v["months"]
    );
    assert!(v["tickets"]["mean"].as_f64().is_some_and(|n| n > 3000.0));
    let objectives = v["objectives"].as_array().expect("objectives");
    for metric in ["first_response", "next_response", "resolution"] {
        assert!(
            objectives.iter().any(|o| o["metric"] == metric),
            "no {metric} objective"
        );
    }
    for o in objectives {
        let mean = o["compliance"]["mean"].as_f64().expect("a mean");
        assert!((0.0..=1.0).contains(&mean), "{o}");
        assert_eq!(o["monthly"].as_array().map(Vec::len), Some(9), "{o}");
        assert!(o["tickets"].as_u64().is_some_and(|n| n > 0), "{o}");
    }
    assert_eq!(v["breach_heatmap"].as_array().map(Vec::len), Some(168));
    assert_eq!(v["teams"].as_array().map(Vec::len), Some(2));
    assert!(v["credits"].is_object(), "credits are part of the report");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written to the data folder"
    );
}

#[test]
fn every_problem_of_a_scenario_is_reported_with_its_place() {
    // issue 17: three independent mistakes give three located problems,
    // one a line as `pledge validate` prints findings, and exit code 1.
    let text = SMALL_DESK
        .replace("time_zone: UTC\n", "time_zone: Mars/Olympus\n")
        .replace("share: 100%", "share: 140%")
        .replace("hours: \"12:00-24:00\"", "hours: \"18:00-06:00\"");
    let dir = scenario_dir(&text);
    for command in ["simulate", "size"] {
        let out = run_in(&dir, &[command, "scenario.yaml"]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert!(out.stdout.is_empty(), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{command}: {err}");
        for (line, (place, path)) in lines.iter().zip([
            ("scenario.yaml:37:", "time_zone"),
            ("scenario.yaml:43:", "workload.mix[0].share"),
            ("scenario.yaml:54:", "staffing.teams[0].shifts[1].hours"),
        ]) {
            assert!(line.starts_with(place), "{command}: {line}");
            assert!(line.contains(&format!(": {path}: ")), "{command}: {line}");
        }
    }
}

#[test]
fn a_short_run_at_heavy_load_warms_up_for_the_load_and_hits_the_exact_wait() {
    // Issue 16 point 8: one agent at ρ = 0.97, 2,000 tickets a replication.
    // With a warm-up of a tenth of the run the mean wait came out 1,370 s
    // ± 39 against 1,940 s exact (λ/(μ(μ−λ)) = 0.97 / (1/60 − 0.97/60) s =
    // 1,940 s). The queue's relaxation time is 73 h, so the warm-up is five
    // of them (365 h) and the interval holds the exact figure.
    let out = Command::cargo_bin("pledge")
        .unwrap()
        .args([
            "erlang",
            "--arrivals-per-hour",
            "58.2",
            "--aht",
            "60s",
            "--agents",
            "1",
            "--answer-within",
            "60s",
            "--simulate",
            "--replications",
            "300",
            "--tickets-per-replication",
            "2000",
            "--seed",
            "3",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("warm-up of 364.8 h per replication, five times the queue's relaxation time at this load (73.0 h)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("shorter than the relaxation time"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let wait = &v["simulated"]["mean_wait_seconds"];
    let (low, high) = (
        wait["low"].as_f64().unwrap(),
        wait["high"].as_f64().unwrap(),
    );
    assert!(low <= 1940.0 && 1940.0 <= high, "{wait}");
    // Far from the biased figure the old warm-up gave.
    assert!(low > 1_500.0, "{wait}");
}

#[test]
fn a_warm_up_too_short_for_a_heavy_load_is_said() {
    // One agent a shift for 958 tickets of 10 minutes a week: ρ = 0.95;
    // the desk forgets its empty start in about 1 / (1/600 s · (1 − √0.95)²)
    // = 936,000 s, 10.8 days, so a one-day warm-up is short (issue 16
    // point 8); the small desk itself (ρ = 1/3) is not warned.
    let heavy = SMALL_DESK
        .replace("tickets_per_week: 1008", "tickets_per_week: 957.6")
        .replace("headcount: 3}", "headcount: 1}");
    let dir = scenario_dir(&heavy);
    let out = run_in(&dir, &["simulate", "scenario.yaml", "--replications", "1"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("scenario.yaml: warning: warm_up: the warm-up (1.0 days) is short for this load: the desk takes about 10.8 days to forget that it started empty"),
        "{err}"
    );
    let dir = scenario_dir(SMALL_DESK);
    let out = run_in(&dir, &["simulate", "scenario.yaml", "--replications", "1"]);
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warm_up"));
}

#[test]
fn a_staffing_with_a_cost_reports_the_cost_of_a_month() {
    // Issue 15 point 1: the day shift at 40.00 an agent-hour (the team's
    // price), the night shift at 52.50 (its own): 3 agents × 12 h × 7 days
    // = 252 agent-hours a week on each, 252 × 40 + 252 × 52.5 = 23,310.00 a
    // week, × 365.25 / 12 / 7 = 101,356.88 an average month. The agreement
    // has no credit: the total is the staff.
    let priced = SMALL_DESK
        .replace(
            "    - name: Desk\n",
            "    - name: Desk\n      cost_per_hour: 40\n",
        )
        .replace(
            "hours: \"12:00-24:00\", headcount: 3}",
            "hours: \"12:00-24:00\", headcount: 3, cost_per_hour: 52.50}",
        );
    assert_ne!(priced, SMALL_DESK);
    let dir = scenario_dir(&priced);
    let out = run_in(
        &dir,
        &[
            "simulate",
            "scenario.yaml",
            "--replications",
            "2",
            "--format",
            "json",
        ],
    );
    let v = json_of(&out);
    let costs = &v["credits"]["costs"];
    assert_eq!(
        costs["staff_per_month"].as_f64(),
        Some(101_356.88),
        "{costs}"
    );
    assert_eq!(
        costs["total_expected"].as_f64(),
        Some(101_356.88),
        "{costs}"
    );
    assert_eq!(
        costs["total_interval"],
        serde_json::json!([101_356.88, 101_356.88])
    );
    let out = run_in(&dir, &["simulate", "scenario.yaml", "--replications", "2"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "cost per month: staff 101356.88 EUR + expected credits 0.00 EUR = 101356.88 EUR"
        ),
        "{text}"
    );
    // Sizing prices today's staffing and the recommended one: 2 agents a
    // shift instead of 3 is two thirds of the cost.
    let out = run_in(
        &dir,
        &[
            "size",
            "scenario.yaml",
            "--replications",
            "3",
            "--seed",
            "2",
            "--threads",
            "1",
            "--format",
            "json",
        ],
    );
    let v = json_of(&out);
    assert_eq!(
        v["cost_current"]["per_month"].as_f64(),
        Some(101_356.88),
        "{v}"
    );
    // 2 × 12 × 7 × (40 + 52.5) = 15,540.00 a week, × 365.25 / 84.
    assert_eq!(
        v["cost_recommended"]["per_month"].as_f64(),
        Some(67_571.25),
        "{v}"
    );
    // A negative price is refused at its place.
    let dir = scenario_dir(&priced.replace("cost_per_hour: 40", "cost_per_hour: -40"));
    let out = run_in(&dir, &["simulate", "scenario.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("staffing.teams[0].cost_per_hour"), "{err}");
    // Without a price, no cost is reported.
    let dir = scenario_dir(SMALL_DESK);
    let out = run_in(
        &dir,
        &[
            "simulate",
            "scenario.yaml",
            "--replications",
            "1",
            "--format",
            "json",
        ],
    );
    let v = json_of(&out);
    assert!(v["credits"].get("costs").is_none());
}

#[test]
fn simulate_compares_two_scenarios_side_by_side_and_checks_both_first() {
    let dir = scenario_dir(SMALL_DESK);
    // Against itself: no difference at all.
    let out = run_in(
        &dir,
        &[
            "simulate",
            "scenario.yaml",
            "--compare",
            "scenario.yaml",
            "--replications",
            "4",
            "--format",
            "json",
        ],
    );
    let json = json_of(&out);
    let objectives = json["objectives"].as_array().expect("objectives");
    assert!(!objectives.is_empty());
    for o in objectives {
        assert_eq!(o["compliance"]["difference"], 0.0, "{o}");
        assert_eq!(o["compliance"]["significant"], false, "{o}");
    }
    assert_eq!(json["replications"], 4);
    let text = run_in(
        &dir,
        &[
            "simulate",
            "scenario.yaml",
            "--compare",
            "scenario.yaml",
            "--replications",
            "4",
        ],
    );
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(text.contains("What-if:"), "{text}");
    assert!(
        text.contains("0 of the differences are larger than the simulation's noise"),
        "{text}"
    );
    // A broken other scenario is reported at its place before anything runs.
    std::fs::write(dir.path().join("other.yaml"), "name: [unclosed\n").expect("written");
    let out = run_in(
        &dir,
        &["simulate", "scenario.yaml", "--compare", "other.yaml"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("other.yaml:"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "nothing printed before both files are read"
    );
}

#[test]
fn a_run_too_short_for_its_load_says_so() {
    // Issue 16 point 8, the other behaviour: at ρ = 0.9983 the queue's
    // relaxation time, 60 s / (1 − √ρ)², is about 24,000 h; five of them
    // would be 700 times the 3.3 h a replication of 200 tickets measures,
    // so the warm-up is held at fifty measured windows and the run warns
    // that its waits are still biased low, on stderr and in the JSON.
    let out = Command::cargo_bin("pledge")
        .unwrap()
        .args([
            "erlang",
            "--arrivals-per-hour",
            "59.9",
            "--aht",
            "60s",
            "--agents",
            "1",
            "--answer-within",
            "60s",
            "--simulate",
            "--replications",
            "4",
            "--tickets-per-replication",
            "200",
            "--seed",
            "3",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("warning: at this load the queue takes about")
            && stderr
                .contains("so the waits are still biased low: give more --tickets-per-replication"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let simulated = &v["simulated"];
    assert_eq!(
        simulated["warm_up_capped"],
        Value::Bool(true),
        "{simulated}"
    );
    let measured = 200.0 / 59.9 * 3600.0;
    let warm = simulated["warm_up_seconds"].as_f64().unwrap();
    assert!((warm - 50.0 * measured).abs() < 1.0, "{warm}");
    // The run at the load with enough tickets does not warn.
    let light = Command::cargo_bin("pledge")
        .unwrap()
        .args([
            "erlang",
            "--arrivals-per-hour",
            "58.2",
            "--aht",
            "60s",
            "--agents",
            "1",
            "--answer-within",
            "60s",
            "--simulate",
            "--replications",
            "2",
            "--tickets-per-replication",
            "2000",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&light.get_output().stderr).into_owned();
    assert!(!stderr.contains("warning"), "{stderr}");
}
