//! Tickets measured against an agreement's own clock (issue 13 point 2):
//! hand-checked cases, each with how its expected value was worked out.

use chrono::{DateTime, Utc};
use pledge::clock::Pause;
use pledge::history::measure::{Measurer, Outcome, Skipped};
use pledge::history::resolve::Field;
use pledge::history::Ticket;
use pledge::model::Metric;

use super::{paris_agreement, utc, value};

/// Paris office hours, Monday to Friday 09:00–17:00, French public
/// holidays; one Standard P1 row: first response in 4 business hours,
/// resolution in 16, the resolution clock paused while pending.
fn agreement() -> String {
    paris_agreement(
        "SLA-TEST-2",
        true,
        r#"priorities:
  - {id: P1, name: Critical, definition: The service is down.}
  - {id: P2, name: High, definition: The service is degraded.}
targets:
  - plan: standard
    priority: P1
    objective: 95%
    pause_when_pending: true
    first_response: {within: 4h}
    resolution: {within: 16h}
"#,
    )
}

fn ticket(created: &str, first: Option<&str>, resolved: Option<&str>) -> Ticket {
    Ticket {
        id: "T-1".into(),
        created: utc(created),
        first_response: first.map(utc),
        resolved: resolved.map(utc),
        priority: value("P1"),
        plan: value("standard"),
        channel: None,
        group: None,
        status: None,
        kind: None,
    }
}

fn outcome(outcomes: &[Outcome], metric: Metric) -> &Outcome {
    outcomes
        .iter()
        .find(|o| o.metric == metric)
        .expect("the metric is measured")
}

fn far() -> DateTime<Utc> {
    utc("2028-01-01T00:00:00Z")
}

#[test]
fn a_ticket_of_friday_evening_answered_on_monday_morning() {
    let a = pledge::format::read(&agreement()).expect("the agreement reads");
    let m = Measurer::new(&a).expect("calendars compile");
    // Created Friday 8 January 2027 at 18:00 Paris (17:00 UTC), after
    // closing; answered Monday 11 January at 10:00 Paris (09:00 UTC). The
    // clock starts at Monday's opening, 09:00: one business hour, 3,600 s.
    // The 4-hour deadline is Monday 13:00 Paris, 12:00 UTC.
    let t = ticket("2027-01-08T17:00:00Z", Some("2027-01-11T09:00:00Z"), None);
    let out = m.measure(&t, &[], far()).expect("measured").outcomes;
    let fr = outcome(&out, Metric::FirstResponse);
    assert_eq!(fr.elapsed, Some(3_600));
    assert_eq!(fr.deadline, utc("2027-01-11T12:00:00Z"));
    assert_eq!(fr.met, Some(true));
    // Never resolved, and its resolution deadline (two business days of 8
    // hours: Tuesday 17:00 Paris) passed before the export: missed.
    let res = outcome(&out, Metric::Resolution);
    assert_eq!(res.deadline, utc("2027-01-12T16:00:00Z"));
    assert_eq!((res.elapsed, res.met), (None, Some(false)));
    // Exported on Monday at noon, before that deadline: not known yet.
    let early = m
        .measure(&t, &[], utc("2027-01-11T11:00:00Z"))
        .expect("measured")
        .outcomes;
    assert_eq!(outcome(&early, Metric::Resolution).met, None);
}

#[test]
fn an_answer_exactly_at_the_deadline_meets_it() {
    let a = pledge::format::read(&agreement()).expect("the agreement reads");
    let m = Measurer::new(&a).expect("calendars compile");
    // Created Monday 11 January 2027 at 10:00 Paris (09:00 UTC); 4
    // business hours later is 14:00 Paris (13:00 UTC): met at 14:00 sharp,
    // missed one second later.
    let on_time = ticket("2027-01-11T09:00:00Z", Some("2027-01-11T13:00:00Z"), None);
    let out = m.measure(&on_time, &[], far()).expect("measured").outcomes;
    assert_eq!(outcome(&out, Metric::FirstResponse).met, Some(true));
    assert_eq!(outcome(&out, Metric::FirstResponse).elapsed, Some(14_400));
    let late = ticket("2027-01-11T09:00:00Z", Some("2027-01-11T13:00:01Z"), None);
    let out = m.measure(&late, &[], far()).expect("measured").outcomes;
    assert_eq!(outcome(&out, Metric::FirstResponse).met, Some(false));
}

#[test]
fn a_pause_across_a_holiday_stops_the_resolution_clock() {
    let a = pledge::format::read(&agreement()).expect("the agreement reads");
    let m = Measurer::new(&a).expect("calendars compile");
    // Created Tuesday 4 May 2027 at 10:00 Paris (08:00 UTC), pending from
    // Wednesday 5 May 16:00 to Friday 7 May 10:00 (Thursday 6 May is
    // Ascension Day, a French public holiday), resolved Friday at 12:00.
    // Business time: Tuesday 10:00–17:00 (7 h), Wednesday 09:00–16:00 (7 h,
    // then pending), Thursday closed, Friday 10:00–12:00 (2 h): 16 h, so
    // the 16-hour target is met exactly. Without the pause, Wednesday
    // 16:00–17:00 and Friday 09:00–10:00 count too: 18 h, missed.
    let t = ticket(
        "2027-05-04T08:00:00Z",
        Some("2027-05-04T08:30:00Z"),
        Some("2027-05-07T10:00:00Z"),
    );
    let pending = [Pause {
        start: utc("2027-05-05T14:00:00Z"),
        end: utc("2027-05-07T08:00:00Z"),
    }];
    let out = m.measure(&t, &pending, far()).expect("measured").outcomes;
    let res = outcome(&out, Metric::Resolution);
    assert_eq!(res.elapsed, Some(16 * 3_600));
    assert_eq!(res.met, Some(true));
    let unpaused = m.measure(&t, &[], far()).expect("measured").outcomes;
    let res = outcome(&unpaused, Metric::Resolution);
    assert_eq!(res.elapsed, Some(18 * 3_600));
    assert_eq!(res.met, Some(false));
    // The first response never pauses.
    assert_eq!(outcome(&out, Metric::FirstResponse).elapsed, Some(1_800));
}

#[test]
fn a_ticket_without_a_target_row_says_why() {
    let a = pledge::format::read(&agreement()).expect("the agreement reads");
    let m = Measurer::new(&a).expect("calendars compile");
    // P2 is a priority of the agreement, but no row bounds it.
    let mut t = ticket("2027-01-11T09:00:00Z", None, None);
    t.priority = value("High");
    let why = m.measure(&t, &[], far()).expect_err("no row");
    assert_eq!(
        format!("{why:?}"),
        "NoTarget { plan: \"standard\", priority: \"P2\" }"
    );
    // P9 is no priority of the agreement: named, for a value map.
    t.priority = value("P9");
    let why = m.measure(&t, &[], far()).expect_err("unknown");
    assert_eq!(why.skipped(), Skipped::Unknown(Field::Priority));
    assert_eq!(format!("{why:?}"), "Unplaced(Unknown(Priority, \"P9\"))");
    // One plan: it covers a ticket whatever its organisation.
    t.priority = value("p1");
    t.plan = value("Globex");
    assert_eq!(
        m.measure(&t, &[], far()).expect("placed").placed.plan,
        "standard"
    );
    t.plan = None;
    assert_eq!(m.measure(&t, &[], far()).expect("placed").row, 0);
}

#[test]
fn outcomes_are_counted_by_row_metric_and_month_of_creation() {
    use pledge::history::measure::{Compliance, Count};
    let a = pledge::format::read(&agreement()).expect("the agreement reads");
    let m = Measurer::new(&a).expect("calendars compile");
    let mut c = Compliance::default();
    // 31 January 2027 at 23:30 UTC is 1 February 00:30 in Paris: it counts
    // in February, the month of the plan's calendar.
    let tickets = [
        ticket("2027-01-11T09:00:00Z", Some("2027-01-11T10:00:00Z"), None),
        ticket("2027-01-11T09:00:00Z", Some("2027-01-12T15:00:00Z"), None),
        ticket("2027-01-31T23:30:00Z", None, None),
    ];
    let as_of = utc("2027-02-01T08:30:00Z");
    for t in &tickets {
        c.add(&m, t, m.measure(t, &[], as_of));
    }
    let mut other = ticket("2027-01-11T09:00:00Z", None, None);
    other.priority = value("P2");
    c.add(&m, &other, m.measure(&other, &[], as_of));
    let first = |month: &str| c.counts[&(0, Metric::FirstResponse, month.to_owned())];
    // January: one answered within 4 business hours, one the next day.
    assert_eq!(
        first("2027-01"),
        Count {
            measured: 2,
            met: 1,
            pending: 0
        }
    );
    // February: not answered, but the Monday 1 February deadline (13:00
    // Paris) had not come at the export (09:30 Paris).
    assert_eq!(
        first("2027-02"),
        Count {
            measured: 0,
            met: 0,
            pending: 1
        }
    );
    assert_eq!(c.unmeasured.get(&Skipped::NoTarget), Some(&1));
}
