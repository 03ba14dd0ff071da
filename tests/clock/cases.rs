//! Hand-checked cases. Paris is on CET (UTC+1) until 29 March 2026 01:00 UTC,
//! then on CEST (UTC+2) until 25 October 2026 01:00 UTC.

use pledge::clock::{
    business_days_deadline, deadline, elapsed, next_open, remaining, BusinessCalendar,
    CalendarError, ClockError, Pause,
};
use pledge::model::Calendar;

use super::{at, calendar, dur, pause};

/// The shared Paris calendar, with French public holidays 2024–2030.
fn paris() -> BusinessCalendar {
    calendar(&super::paris_calendar("paris", Some((2024, 2030)), 0))
}

/// The single place that computes a deadline and checks it, together with
/// the inverse property.
fn check(cal: &BusinessCalendar, start: &str, duration: &str, pauses: &[Pause], expect: &str) {
    let due = deadline(cal, at(start), dur(duration), pauses).unwrap();
    assert_eq!(due, at(expect), "deadline of {duration} from {start}");
    assert_eq!(
        elapsed(cal, at(start), due, pauses).unwrap(),
        dur(duration),
        "elapsed back from {expect}"
    );
}

#[test]
fn the_issue_example_crosses_a_weekend_and_the_spring_change() {
    // Friday 27 March 2026 11:00 UTC is 12:00 CET: 6 h to 18:00 on Friday;
    // the weekend is closed and DST starts on Sunday; Monday 30 March 09:00
    // to 18:00 CEST gives the remaining 9 h, ending at closing time, 18:00
    // CEST = 16:00 UTC.
    check(
        &paris(),
        "2026-03-27T11:00:00Z",
        "15h",
        &[],
        "2026-03-30T16:00:00Z",
    );
}

#[test]
fn start_outside_hours_counts_from_the_next_opening() {
    let cal = paris();
    // Saturday 7 March: the clock starts Monday 9 March 09:00 CET (08:00
    // UTC); one hour later is 09:00 UTC.
    check(
        &cal,
        "2026-03-07T10:00:00Z",
        "1h",
        &[],
        "2026-03-09T09:00:00Z",
    );
    assert_eq!(
        next_open(&cal, at("2026-03-07T10:00:00Z")).unwrap(),
        at("2026-03-09T08:00:00Z")
    );
    // Tuesday 06:00 UTC (07:00 CET) is before opening: 08:00 UTC.
    assert_eq!(
        next_open(&cal, at("2026-03-03T06:00:00Z")).unwrap(),
        at("2026-03-03T08:00:00Z")
    );
}

#[test]
fn start_exactly_at_opening_or_closing_time() {
    let cal = paris();
    // Monday 2 March 09:00 CET = 08:00 UTC, exactly at opening: 30 min later.
    check(
        &cal,
        "2026-03-02T08:00:00Z",
        "30m",
        &[],
        "2026-03-02T08:30:00Z",
    );
    // Monday 18:00 CET = 17:00 UTC, exactly at closing: nothing is left on
    // Monday; Tuesday 09:00 CET + 30 min = 08:30 UTC.
    check(
        &cal,
        "2026-03-02T17:00:00Z",
        "30m",
        &[],
        "2026-03-03T08:30:00Z",
    );
    assert_eq!(
        next_open(&cal, at("2026-03-02T17:00:00Z")).unwrap(),
        at("2026-03-03T08:00:00Z")
    );
    // One second before closing the calendar is open.
    assert_eq!(
        next_open(&cal, at("2026-03-02T16:59:59Z")).unwrap(),
        at("2026-03-02T16:59:59Z")
    );
    // A full day's hours from opening end at that day's closing, not at the
    // next opening: 9 h from Monday 09:00 CET is Monday 18:00 CET.
    check(
        &cal,
        "2026-03-02T08:00:00Z",
        "9h",
        &[],
        "2026-03-02T17:00:00Z",
    );
    // A zero duration is due at the start, even while closed.
    check(
        &cal,
        "2026-03-07T10:00:00Z",
        "0s",
        &[],
        "2026-03-07T10:00:00Z",
    );
}

#[test]
fn seconds_are_counted_exactly() {
    // Monday 17:59:30 CET: 30 s left on Monday, 15 s from Tuesday 09:00 CET
    // (08:00 UTC).
    check(
        &paris(),
        "2026-03-02T16:59:30Z",
        "45s",
        &[],
        "2026-03-03T08:00:15Z",
    );
}

#[test]
fn holidays_are_skipped() {
    let cal = paris();
    // Friday 3 April 2026 17:00 CEST (15:00 UTC): 1 h on Friday; Monday
    // 6 April is Easter Monday; Tuesday 09:00 CEST + 1 h = 08:00 UTC.
    check(
        &cal,
        "2026-04-03T15:00:00Z",
        "2h",
        &[],
        "2026-04-07T08:00:00Z",
    );
    // The whole of Easter Monday counts nothing.
    assert_eq!(
        elapsed(
            &cal,
            at("2026-04-05T22:00:00Z"),
            at("2026-04-06T22:00:00Z"),
            &[]
        )
        .unwrap(),
        dur("0s")
    );
    // Ascension, Thursday 14 May 2026: from Wednesday 13 May 18:00 CEST to
    // Friday 15 May 10:00 CEST there is 1 h of business time.
    assert_eq!(
        elapsed(
            &cal,
            at("2026-05-13T16:00:00Z"),
            at("2026-05-15T08:00:00Z"),
            &[]
        )
        .unwrap(),
        dur("1h")
    );
}

#[test]
fn holidays_on_weekends_move_to_substitute_days() {
    let london = calendar(
        "
id: london
time_zone: Europe/London
hours: {mon: [09:00-17:00], tue: [09:00-17:00], wed: [09:00-17:00], thu: [09:00-17:00], fri: [09:00-17:00]}
holidays: {rules: [{country: GB-ENG, from: 2027, to: 2027}]}
",
    );
    // Friday 24 December 2027 16:00 GMT: 1 h on Friday; Christmas and
    // Boxing Day fall on the weekend, so Monday 27 and Tuesday 28 are the
    // substitute days; Wednesday 29 09:00 GMT + 1 h = 10:00 UTC.
    check(
        &london,
        "2027-12-24T16:00:00Z",
        "2h",
        &[],
        "2027-12-29T10:00:00Z",
    );
}

#[test]
fn us_observed_days_and_french_holidays_on_weekends() {
    let new_york = calendar(
        "
id: ny
time_zone: America/New_York
hours: {mon: [09:00-17:00], tue: [09:00-17:00], wed: [09:00-17:00], thu: [09:00-17:00], fri: [09:00-17:00]}
holidays: {rules: [{country: US, from: 2026, to: 2026}]}
",
    );
    // Thursday 2 July 2026 16:00 EDT (20:00 UTC): 1 h on Thursday; 4 July is
    // a Saturday, observed on Friday 3 July; Monday 6 July 09:00 EDT + 1 h =
    // 10:00 EDT = 14:00 UTC.
    check(
        &new_york,
        "2026-07-02T20:00:00Z",
        "2h",
        &[],
        "2026-07-06T14:00:00Z",
    );
    // France does not move holidays: 15 August 2026 (Assumption) is a
    // Saturday, and no weekday replaces it. From Friday 14 August 17:00 CEST
    // (15:00 UTC), 1 h on Friday and 1 h from Monday 17 August 09:00 CEST:
    // 10:00 CEST = 08:00 UTC, as without holidays.
    check(
        &paris(),
        "2026-08-14T15:00:00Z",
        "2h",
        &[],
        "2026-08-17T08:00:00Z",
    );
}

#[test]
fn several_intervals_a_day_with_different_hours_each_day() {
    let cal = calendar(
        "
id: split
time_zone: UTC
hours:
  mon: [08:00-12:00, 13:00-17:00]
  tue: [10:00-16:00]
  wed: [09:00-11:00, 14:00-15:00, 16:00-19:00]
",
    );
    // Monday 2 March 11:00: 1 h to 12:00, 4 h from 13:00 to 17:00 (5 h);
    // Tuesday from 10:00, the remaining 5 h end at 15:00.
    check(
        &cal,
        "2026-03-02T11:00:00Z",
        "10h",
        &[],
        "2026-03-03T15:00:00Z",
    );
    // Monday 07:00 to Wednesday 17:30: Monday 8 h, Tuesday 6 h, Wednesday
    // 2 h + 1 h + 1 h 30 = 18 h 30.
    assert_eq!(
        elapsed(
            &cal,
            at("2026-03-02T07:00:00Z"),
            at("2026-03-04T17:30:00Z"),
            &[]
        )
        .unwrap(),
        dur("18h30m")
    );
    // Starting in the lunch break counts from 13:00.
    check(
        &cal,
        "2026-03-02T12:30:00Z",
        "1h",
        &[],
        "2026-03-02T14:00:00Z",
    );
}

#[test]
fn intervals_that_cross_midnight() {
    let nights = calendar(
        "
id: nights
time_zone: UTC
hours:
  mon: [22:00-06:00+1]
  tue: [22:00-06:00+1]
  wed: [22:00-06:00+1]
  thu: [22:00-06:00+1]
  fri: [22:00-06:00+1]
",
    );
    // Friday 6 March 23:00: 7 h to Saturday 06:00; no shift starts on
    // Saturday or Sunday; Monday 22:00 + 1 h = 23:00.
    check(
        &nights,
        "2026-03-06T23:00:00Z",
        "8h",
        &[],
        "2026-03-09T23:00:00Z",
    );
    // Saturday 03:00 is inside Friday's shift.
    assert_eq!(
        next_open(&nights, at("2026-03-07T03:00:00Z")).unwrap(),
        at("2026-03-07T03:00:00Z")
    );
    let sunday = calendar("id: s\ntime_zone: UTC\nhours: {sun: [22:00-02:00+1]}\n");
    // Sunday's shift runs into Monday, across the week boundary: Sunday
    // 23:00 to midnight is 1 h, Monday 00:00 to 01:00 the second.
    check(
        &sunday,
        "2026-03-08T23:00:00Z",
        "2h",
        &[],
        "2026-03-09T01:00:00Z",
    );
    // From Monday 01:30, 30 min remain in the shift; the other 30 min are
    // from the following Sunday 22:00.
    check(
        &sunday,
        "2026-03-09T01:30:00Z",
        "1h",
        &[],
        "2026-03-15T22:30:00Z",
    );
}

#[test]
fn an_opening_time_skipped_by_the_spring_change() {
    let cal = calendar("id: s\ntime_zone: Europe/Paris\nhours: {sun: [02:30-06:00]}\n");
    // On 29 March 2026 Paris clocks jump from 02:00 CET to 03:00 CEST at
    // 01:00 UTC; 02:30 does not exist, so the calendar opens at the jump
    // (01:00 UTC) and closes at 06:00 CEST (04:00 UTC): 3 h.
    assert_eq!(
        next_open(&cal, at("2026-03-28T12:00:00Z")).unwrap(),
        at("2026-03-29T01:00:00Z")
    );
    assert_eq!(
        elapsed(
            &cal,
            at("2026-03-28T12:00:00Z"),
            at("2026-03-29T12:00:00Z"),
            &[]
        )
        .unwrap(),
        dur("3h")
    );
    check(
        &cal,
        "2026-03-28T12:00:00Z",
        "1h",
        &[],
        "2026-03-29T02:00:00Z",
    );
    // The Sunday before (CET all day): 02:30 CET = 01:30 UTC to 06:00 CET =
    // 05:00 UTC, 3 h 30.
    assert_eq!(
        elapsed(
            &cal,
            at("2026-03-21T12:00:00Z"),
            at("2026-03-22T12:00:00Z"),
            &[]
        )
        .unwrap(),
        dur("3h30m")
    );
    // An interval wholly inside the skipped hour is empty that night.
    let gap = calendar("id: g\ntime_zone: Europe/Paris\nhours: {sun: [02:10-02:50]}\n");
    assert_eq!(
        elapsed(
            &gap,
            at("2026-03-28T12:00:00Z"),
            at("2026-03-29T12:00:00Z"),
            &[]
        )
        .unwrap(),
        dur("0s")
    );
    // A 24/7 calendar counts 23 h that local day: 00:00 CET = 23:00 UTC
    // Saturday to 00:00 CEST Monday = 22:00 UTC Sunday.
    let always = calendar("id: a\ntime_zone: Europe/Paris\nhours: 24/7\n");
    assert_eq!(
        elapsed(
            &always,
            at("2026-03-28T23:00:00Z"),
            at("2026-03-29T22:00:00Z"),
            &[]
        )
        .unwrap(),
        dur("23h")
    );
}

#[test]
fn a_closing_time_that_occurs_twice_in_autumn() {
    // On 25 October 2026 Paris clocks go back from 03:00 CEST to 02:00 CET
    // at 01:00 UTC, so 02:00–03:00 local happens twice. A closing at 02:30
    // means its first occurrence, 02:30 CEST = 00:30 UTC; the interval opens
    // at 00:00 CEST = 22:00 UTC on Saturday: 2 h 30.
    let early = calendar("id: e\ntime_zone: Europe/Paris\nhours: {sun: [00:00-02:30]}\n");
    assert_eq!(
        elapsed(
            &early,
            at("2026-10-24T12:00:00Z"),
            at("2026-10-25T12:00:00Z"),
            &[]
        )
        .unwrap(),
        dur("2h30m")
    );
    check(
        &early,
        "2026-10-24T12:00:00Z",
        "2h30m",
        &[],
        "2026-10-25T00:30:00Z",
    );
    // An interval opening at 02:30 opens at the first occurrence too (00:30
    // UTC) and closes at 04:00 CET = 03:00 UTC: 2 h 30, the repeated hour
    // included once.
    let late = calendar("id: l\ntime_zone: Europe/Paris\nhours: {sun: [02:30-04:00]}\n");
    assert_eq!(
        next_open(&late, at("2026-10-24T12:00:00Z")).unwrap(),
        at("2026-10-25T00:30:00Z")
    );
    assert_eq!(
        elapsed(
            &late,
            at("2026-10-24T12:00:00Z"),
            at("2026-10-25T12:00:00Z"),
            &[]
        )
        .unwrap(),
        dur("2h30m")
    );
    // A 24/7 calendar counts 25 h that local day: 00:00 CEST = 22:00 UTC
    // Saturday to 00:00 CET Monday = 23:00 UTC Sunday.
    let always = calendar("id: a\ntime_zone: Europe/Paris\nhours: 24/7\n");
    assert_eq!(
        elapsed(
            &always,
            at("2026-10-24T22:00:00Z"),
            at("2026-10-25T23:00:00Z"),
            &[]
        )
        .unwrap(),
        dur("25h")
    );
}

#[test]
fn pauses_stop_the_clock_once() {
    let cal = paris();
    // Monday 2 March 09:00 CET (08:00 UTC), 4 h, paused 11:00–12:00 CET:
    // 2 h before the pause, 2 h after it, due 14:00 CET = 13:00 UTC.
    check(
        &cal,
        "2026-03-02T08:00:00Z",
        "4h",
        &[pause("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")],
        "2026-03-02T13:00:00Z",
    );
    // Without pause, 10 h from Monday 09:00 CET ends Tuesday 10:00 CET. A
    // pause from Monday 17:00 CET to Tuesday 10:00 CET holds 2 business
    // hours (Monday 17–18, Tuesday 09–10), not the 17 h of the night:
    // due Tuesday 12:00 CET = 11:00 UTC.
    check(
        &cal,
        "2026-03-02T08:00:00Z",
        "10h",
        &[],
        "2026-03-03T09:00:00Z",
    );
    let night = [pause("2026-03-02T16:00:00Z", "2026-03-03T09:00:00Z")];
    check(
        &cal,
        "2026-03-02T08:00:00Z",
        "10h",
        &night,
        "2026-03-03T11:00:00Z",
    );
    // Overlapping pauses are merged: the same answer.
    let overlapping = [
        pause("2026-03-03T08:00:00Z", "2026-03-03T09:00:00Z"),
        pause("2026-03-02T16:00:00Z", "2026-03-03T08:30:00Z"),
    ];
    check(
        &cal,
        "2026-03-02T08:00:00Z",
        "10h",
        &overlapping,
        "2026-03-03T11:00:00Z",
    );
    // A start inside a pause counts from its end: paused until Monday
    // 10:00 CET, 1 h later is 11:00 CET = 10:00 UTC.
    check(
        &cal,
        "2026-03-02T08:30:00Z",
        "1h",
        &[pause("2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z")],
        "2026-03-02T10:00:00Z",
    );
    // A pause that ends before it starts is refused, naming it.
    let bad = [pause("2026-03-02T10:00:00Z", "2026-03-02T09:00:00Z")];
    assert!(matches!(
        deadline(&cal, at("2026-03-02T08:00:00Z"), dur("1h"), &bad),
        Err(ClockError::InvertedPause { index: 0, .. })
    ));
}

#[test]
fn remaining_time_is_negative_after_the_deadline() {
    let cal = paris();
    let due = at("2026-03-02T11:00:00Z"); // Monday 12:00 CET
                                          // At Monday 10:00 CET, 2 h are left.
    assert_eq!(
        remaining(&cal, due, at("2026-03-02T09:00:00Z"), &[]).unwrap(),
        dur("2h")
    );
    // At Tuesday 10:00 CET the deadline passed by Monday 12:00–18:00 (6 h)
    // and Tuesday 09:00–10:00 (1 h).
    assert_eq!(
        remaining(&cal, due, at("2026-03-03T09:00:00Z"), &[]).unwrap(),
        dur("-7h")
    );
    assert_eq!(remaining(&cal, due, due, &[]).unwrap(), dur("0s"));
}

#[test]
fn business_days_at_the_same_clock_time() {
    let cal = paris();
    // Tuesday 3 March 15:00 CET + 2 business days: Thursday 15:00 CET.
    let due = business_days_deadline(&cal, at("2026-03-03T14:00:00Z"), 2, &[]).unwrap();
    assert_eq!(due, at("2026-03-05T14:00:00Z"));
    // Thursday 7 May 10:00 CEST + 2: Friday 8 May is a holiday, the weekend
    // is closed, so Monday 11 (1) and Tuesday 12 May (2), 10:00 CEST.
    let due = business_days_deadline(&cal, at("2026-05-07T08:00:00Z"), 2, &[]).unwrap();
    assert_eq!(due, at("2026-05-12T08:00:00Z"));
    // Created on Saturday 7 March: the clock starts Monday 09:00 CET, so
    // 1 business day later is Tuesday 10 March 09:00 CET = 08:00 UTC.
    let due = business_days_deadline(&cal, at("2026-03-07T10:00:00Z"), 1, &[]).unwrap();
    assert_eq!(due, at("2026-03-10T08:00:00Z"));
    // Across the spring change: Friday 27 March 10:00 CET + 1 = Monday
    // 30 March 10:00 CEST = 08:00 UTC.
    let due = business_days_deadline(&cal, at("2026-03-27T09:00:00Z"), 1, &[]).unwrap();
    assert_eq!(due, at("2026-03-30T08:00:00Z"));
    // Pauses extend it like a duration: a 1 h pause on Wednesday makes the
    // Thursday 15:00 CET deadline 16:00 CET.
    let due = business_days_deadline(
        &cal,
        at("2026-03-03T14:00:00Z"),
        2,
        &[pause("2026-03-04T09:00:00Z", "2026-03-04T10:00:00Z")],
    )
    .unwrap();
    assert_eq!(due, at("2026-03-05T15:00:00Z"));
}

#[test]
fn business_days_when_the_clock_time_is_closed() {
    let short_thursday = calendar(
        "
id: t
time_zone: UTC
hours: {mon: [09:00-18:00], tue: [09:00-18:00], wed: [09:00-18:00], thu: [09:00-12:00], fri: [09:00-18:00]}
",
    );
    // Tuesday 3 March 15:00 + 2 business days is Thursday 15:00, after
    // Thursday's 12:00 closing: the deadline is the next opening, Friday
    // 09:00, which is the same in business time (Tuesday 3 h + Wednesday
    // 9 h + Thursday 3 h = 15 h).
    let due = business_days_deadline(&short_thursday, at("2026-03-03T15:00:00Z"), 2, &[]).unwrap();
    assert_eq!(due, at("2026-03-06T09:00:00Z"));
    assert_eq!(
        elapsed(&short_thursday, at("2026-03-03T15:00:00Z"), due, &[]).unwrap(),
        dur("15h")
    );
    // A 24/7 calendar in Paris: Saturday 28 March 02:30 CET + 1 business day
    // is Sunday 02:30, which does not exist: the instant of the jump, 01:00 UTC.
    let always = calendar("id: a\ntime_zone: Europe/Paris\nhours: 24/7\n");
    let due = business_days_deadline(&always, at("2026-03-28T01:30:00Z"), 1, &[]).unwrap();
    assert_eq!(due, at("2026-03-29T01:00:00Z"));
}

#[test]
fn business_days_as_opening_hours() {
    let cal = calendar(
        "
id: o
time_zone: UTC
hours: {mon: [09:00-17:00], tue: [09:00-17:00], wed: [09:00-17:00], thu: [09:00-17:00], fri: [09:00-13:00]}
business_day: opening_hours
",
    );
    // The week has 4 × 8 h + 4 h = 36 h over 5 days: a business day is 7 h 12.
    assert_eq!(cal.business_day_length(), dur("7h12m"));
    // Tuesday 3 March 15:00 + 1 business day: 2 h on Tuesday, 5 h 12 from
    // Wednesday 09:00, due 14:12.
    let due = business_days_deadline(&cal, at("2026-03-03T15:00:00Z"), 1, &[]).unwrap();
    assert_eq!(due, at("2026-03-04T14:12:00Z"));
    // Monday 2 March 09:00 + 5 business days = 36 h: the whole week, due at
    // Friday's 13:00 closing, not at the next Monday's opening.
    let due = business_days_deadline(&cal, at("2026-03-02T09:00:00Z"), 5, &[]).unwrap();
    assert_eq!(due, at("2026-03-06T13:00:00Z"));
}

#[test]
fn a_calendar_that_never_opens_again_is_an_error() {
    let closed = calendar(
        "
id: c
time_zone: UTC
hours: {mon: [09:00-17:00]}
closures: [{from: 2026-01-01, to: 2200-12-31T23:59, reason: Closed for good}]
",
    );
    let error = deadline(&closed, at("2026-03-02T08:00:00Z"), dur("1h"), &[]).unwrap_err();
    assert!(matches!(error, ClockError::NeverOpen { .. }), "{error}");
    assert!(matches!(
        next_open(&closed, at("2026-03-02T08:00:00Z")),
        Err(ClockError::NeverOpen { .. })
    ));
    // Still open before the closure: Monday 29 December 2025 has 8 h.
    check(
        &closed,
        "2025-12-29T09:00:00Z",
        "8h",
        &[],
        "2025-12-29T17:00:00Z",
    );
    let error = deadline(&closed, at("2025-12-29T09:00:00Z"), dur("9h"), &[]).unwrap_err();
    assert!(matches!(error, ClockError::NeverOpen { .. }), "{error}");
    assert!(
        error.to_string().contains("2025-12-29T17:00:00Z"),
        "{error}"
    );
    // Instants outside the covered years are refused, not guessed.
    let cal = paris();
    let error = deadline(&cal, at("1990-01-01T00:00:00Z"), dur("1h"), &[]).unwrap_err();
    assert!(
        matches!(error, ClockError::OutOfRange { what: "start", .. }),
        "{error}"
    );
    let error = deadline(&cal, at("2026-01-01T00:00:00Z"), dur("100000d"), &[]).unwrap_err();
    assert!(matches!(error, ClockError::BeyondRange { .. }), "{error}");
}

#[test]
fn calendar_errors_say_what_and_where() {
    let compile = |yaml: &str| {
        let model: Calendar = pledge::format::Document::parse(yaml)
            .and_then(|d| d.deserialize())
            .unwrap();
        BusinessCalendar::compile(&model).unwrap_err()
    };
    let e = compile("id: x\ntime_zone: Europe/Pariss\nhours: 24/7\n");
    assert!(
        matches!(&e, CalendarError::UnknownTimeZone { path, .. } if path == "time_zone"),
        "{e}"
    );
    let e = compile("id: x\ntime_zone: UTC\nhours: {mon: [09:00-12:00, 11:00-13:00]}\n");
    assert!(
        matches!(&e, CalendarError::OverlappingIntervals { path, other_path, .. } if path == "hours.mon[1]" && other_path == "hours.mon[0]"),
        "{e}"
    );
    // Sunday's night shift runs into Monday's morning.
    let e = compile("id: x\ntime_zone: UTC\nhours: {sun: [22:00-06:00+1], mon: [05:00-09:00]}\n");
    assert!(
        e.to_string().contains("hours.mon[0]") && e.to_string().contains("hours.sun[0]"),
        "{e}"
    );
    let e = compile("id: x\ntime_zone: UTC\nhours: {tue: [18:00-08:00]}\n");
    assert!(
        matches!(&e, CalendarError::InvertedInterval { path, .. } if path == "hours.tue[0]"),
        "{e}"
    );
    let e = compile("id: x\ntime_zone: UTC\nhours: {tue: [08:00-09:00+1]}\n");
    assert!(
        matches!(&e, CalendarError::IntervalTooLong { path, .. } if path == "hours.tue[0]"),
        "{e}"
    );
    let e = compile("id: x\ntime_zone: UTC\nhours: {}\n");
    assert!(
        matches!(&e, CalendarError::NeverOpen { path } if path == "hours"),
        "{e}"
    );
    let e = compile("id: x\ntime_zone: UTC\nhours: 24/7\nholidays: {rules: [{country: US, from: 2030, to: 2020}]}\n");
    assert!(
        matches!(&e, CalendarError::HolidayYears { path, .. } if path == "holidays.rules[0]"),
        "{e}"
    );
    let e = compile(
        "id: x\ntime_zone: UTC\nhours: 24/7\nclosures: [{from: 2026-05-02, to: 2026-05-01}]\n",
    );
    assert!(
        matches!(&e, CalendarError::InvertedClosure { path, .. } if path == "closures[0]"),
        "{e}"
    );
}
