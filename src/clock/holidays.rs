//! Built-in public holiday rules for the regions of
//! [`HolidayRegion`].
//!
//! Each rule gives the days on which support is closed in one year. When a
//! region moves a holiday that falls on a weekend to a weekday (England's
//! substitute days, the United States' observed days), both the holiday
//! itself and the weekday that replaces it are listed: a calendar that is
//! open at weekends is then closed on the holiday, and a weekday calendar
//! loses the replacement day, as the region's law gives it.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::model::HolidayRegion;

/// The first year the built-in rules cover.
pub const FIRST_YEAR: i32 = 1900;
/// The last year the built-in rules cover.
pub const LAST_YEAR: i32 = 2200;

/// One public holiday: its date and its name in the region's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PublicHoliday {
    /// The day on which support is closed.
    pub date: NaiveDate,
    /// The holiday's name, e.g. "Lundi de Pâques".
    pub name: &'static str,
}

/// Easter Sunday of a Gregorian year, by the anonymous Gregorian computus
/// (Meeus/Jones/Butcher). `None` outside the years chrono represents.
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The public holidays of `region` in `year`, sorted by date. Years outside
/// [`FIRST_YEAR`]`..=`[`LAST_YEAR`] give an empty list.
///
/// For the United States, a holiday of `year` observed on the Friday before
/// it may fall on 31 December of the year before; it is listed with the
/// holidays of `year`, since the rule is the holiday's.
pub fn public_holidays(region: HolidayRegion, year: i32) -> Vec<PublicHoliday> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    let mut days = match region {
        HolidayRegion::France => france(year),
        HolidayRegion::England => england(year),
        HolidayRegion::UnitedStates => united_states(year),
    };
    days.sort();
    days.dedup_by(|a, b| a.date == b.date);
    days
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    // Callers pass real calendar dates of years inside FIRST_YEAR..=LAST_YEAR.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn holiday(date: NaiveDate, name: &'static str) -> PublicHoliday {
    PublicHoliday { date, name }
}

/// The `n`-th (1-based) `weekday` of a month.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n).unwrap_or(NaiveDate::MIN)
}

/// The last `weekday` of a month.
fn last_weekday(year: i32, month: u32, weekday: Weekday) -> NaiveDate {
    let next_month = if month == 12 {
        date(year + 1, 1, 1)
    } else {
        date(year, month + 1, 1)
    };
    let mut day = next_month - Duration::days(1);
    while day.weekday() != weekday {
        day -= Duration::days(1);
    }
    day
}

fn france(year: i32) -> Vec<PublicHoliday> {
    let mut days = vec![
        holiday(date(year, 1, 1), "Jour de l'an"),
        holiday(date(year, 5, 1), "Fête du Travail"),
        holiday(date(year, 5, 8), "Victoire 1945"),
        holiday(date(year, 7, 14), "Fête nationale"),
        holiday(date(year, 8, 15), "Assomption"),
        holiday(date(year, 11, 1), "Toussaint"),
        holiday(date(year, 11, 11), "Armistice 1918"),
        holiday(date(year, 12, 25), "Noël"),
    ];
    if let Some(easter) = easter(year) {
        days.push(holiday(easter + Duration::days(1), "Lundi de Pâques"));
        days.push(holiday(easter + Duration::days(39), "Ascension"));
        days.push(holiday(easter + Duration::days(50), "Lundi de Pentecôte"));
    }
    days
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// How a region replaces a holiday that falls on a weekend.
#[derive(Clone, Copy)]
enum Substitution {
    /// England and Wales: the next weekday that is not already a holiday,
    /// so that two holidays on one weekend keep two days off.
    NextFreeWeekday,
    /// United States: the Friday before a Saturday, the Monday after a
    /// Sunday (5 U.S.C. 6103 and Executive Order 11582).
    NearestWeekday,
}

/// The weekday that replaces a holiday on `day`, or `None` when `day` is a
/// weekday; `taken` are the days already off.
fn substitute_day(
    day: NaiveDate,
    rule: Substitution,
    taken: &[PublicHoliday],
) -> Option<NaiveDate> {
    if !is_weekend(day) {
        return None;
    }
    match rule {
        Substitution::NextFreeWeekday => {
            let mut d = day + Duration::days(1);
            while is_weekend(d) || taken.iter().any(|h| h.date == d) {
                d += Duration::days(1);
            }
            Some(d)
        }
        Substitution::NearestWeekday if day.weekday() == Weekday::Sat => {
            Some(day - Duration::days(1))
        }
        Substitution::NearestWeekday => Some(day + Duration::days(1)),
    }
}

/// Adds each holiday `(date, name, name of its substitute)` to `days`, then
/// the substitutes of those on a weekend, in order, each seeing the days
/// already added as taken.
fn with_substitutes(
    days: &mut Vec<PublicHoliday>,
    holidays: &[(NaiveDate, &'static str, &'static str)],
    rule: Substitution,
) {
    for &(day, name, _) in holidays {
        days.push(holiday(day, name));
    }
    for &(day, _, substitute_name) in holidays {
        if let Some(sub) = substitute_day(day, rule, days) {
            days.push(holiday(sub, substitute_name));
        }
    }
}

fn england(year: i32) -> Vec<PublicHoliday> {
    let mut days = Vec::new();
    with_substitutes(
        &mut days,
        &[(
            date(year, 1, 1),
            "New Year's Day",
            "New Year's Day (substitute day)",
        )],
        Substitution::NextFreeWeekday,
    );
    if let Some(easter) = easter(year) {
        days.push(holiday(easter - Duration::days(2), "Good Friday"));
        days.push(holiday(easter + Duration::days(1), "Easter Monday"));
    }
    // The May and August bank holidays are moved or doubled by proclamation
    // in some years; those one-off changes since 1995 are listed here.
    let early_may = match year {
        1995 | 2020 => Some(date(year, 5, 8)),
        y if y >= 1978 => Some(nth_weekday(year, 5, Weekday::Mon, 1)),
        _ => None,
    };
    if let Some(day) = early_may {
        days.push(holiday(day, "Early May bank holiday"));
    }
    let spring = match year {
        2002 | 2012 => Some(date(year, 6, 4)),
        2022 => Some(date(year, 6, 2)),
        y if y >= 1971 => Some(last_weekday(year, 5, Weekday::Mon)),
        _ => None,
    };
    if let Some(day) = spring {
        days.push(holiday(day, "Spring bank holiday"));
    }
    if year >= 1971 {
        days.push(holiday(
            last_weekday(year, 8, Weekday::Mon),
            "Summer bank holiday",
        ));
    }
    let one_off: &[(u32, u32, &'static str)] = match year {
        1999 => &[(12, 31, "Millennium Celebrations")],
        2002 => &[(6, 3, "Golden Jubilee")],
        2011 => &[(4, 29, "Royal Wedding")],
        2012 => &[(6, 5, "Diamond Jubilee")],
        2022 => &[
            (6, 3, "Platinum Jubilee"),
            (9, 19, "State Funeral of Queen Elizabeth II"),
        ],
        2023 => &[(5, 8, "Coronation of King Charles III")],
        _ => &[],
    };
    for &(month, day, name) in one_off {
        days.push(holiday(date(year, month, day), name));
    }
    // Christmas and Boxing Day are both kept as days off: Christmas on a
    // Saturday gives Monday 27 and Tuesday 28, on a Sunday Tuesday 27 (Monday
    // is Boxing Day itself).
    with_substitutes(
        &mut days,
        &[
            (
                date(year, 12, 25),
                "Christmas Day",
                "Christmas Day (substitute day)",
            ),
            (
                date(year, 12, 26),
                "Boxing Day",
                "Boxing Day (substitute day)",
            ),
        ],
        Substitution::NextFreeWeekday,
    );
    days
}

fn united_states(year: i32) -> Vec<PublicHoliday> {
    // An observed day keeps the holiday's own name.
    let mut fixed = vec![
        (date(year, 1, 1), "New Year's Day", "New Year's Day"),
        (date(year, 7, 4), "Independence Day", "Independence Day"),
        (date(year, 11, 11), "Veterans Day", "Veterans Day"),
        (date(year, 12, 25), "Christmas Day", "Christmas Day"),
    ];
    if year >= 2021 {
        let juneteenth = "Juneteenth National Independence Day";
        fixed.push((date(year, 6, 19), juneteenth, juneteenth));
    }
    let mut days = Vec::new();
    with_substitutes(&mut days, &fixed, Substitution::NearestWeekday);
    if year >= 1986 {
        days.push(holiday(
            nth_weekday(year, 1, Weekday::Mon, 3),
            "Birthday of Martin Luther King, Jr.",
        ));
    }
    days.push(holiday(
        nth_weekday(year, 2, Weekday::Mon, 3),
        "Washington's Birthday",
    ));
    days.push(holiday(last_weekday(year, 5, Weekday::Mon), "Memorial Day"));
    days.push(holiday(nth_weekday(year, 9, Weekday::Mon, 1), "Labor Day"));
    days.push(holiday(
        nth_weekday(year, 10, Weekday::Mon, 2),
        "Columbus Day",
    ));
    days.push(holiday(
        nth_weekday(year, 11, Weekday::Thu, 4),
        "Thanksgiving Day",
    ));
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates(region: HolidayRegion, year: i32) -> Vec<NaiveDate> {
        public_holidays(region, year)
            .into_iter()
            .map(|h| h.date)
            .collect()
    }

    #[test]
    fn easter_sundays_match_published_dates() {
        // Published Western Easter dates.
        assert_eq!(easter(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter(2019), Some(d(2019, 4, 21)));
        // The extremes of the Gregorian range: 22 March (1818, 2285) and
        // 25 April (1943, 2038).
        assert_eq!(easter(1818), Some(d(1818, 3, 22)));
        assert_eq!(easter(1943), Some(d(1943, 4, 25)));
        assert_eq!(easter(2038), Some(d(2038, 4, 25)));
    }

    #[test]
    fn france_has_eleven_holidays() {
        // 2026: Easter is 5 April, so Easter Monday 6 April, Ascension
        // (Easter + 39 days) Thursday 14 May, Whit Monday (Easter + 50) 25 May.
        assert_eq!(
            dates(HolidayRegion::France, 2026),
            vec![
                d(2026, 1, 1),
                d(2026, 4, 6),
                d(2026, 5, 1),
                d(2026, 5, 8),
                d(2026, 5, 14),
                d(2026, 5, 25),
                d(2026, 7, 14),
                d(2026, 8, 15),
                d(2026, 11, 1),
                d(2026, 11, 11),
                d(2026, 12, 25),
            ]
        );
    }

    #[test]
    fn england_substitutes_christmas_2027() {
        // 25 December 2027 is a Saturday and 26 a Sunday: the substitute days
        // are Monday 27 and Tuesday 28 December (gov.uk bank holidays).
        let days = dates(HolidayRegion::England, 2027);
        assert!(days.contains(&d(2027, 12, 27)));
        assert!(days.contains(&d(2027, 12, 28)));
        // 2026: Easter 5 April gives Good Friday 3 April and Easter Monday
        // 6 April; first Monday of May is 4 May, last Monday of May 25 May,
        // last Monday of August 31 August; Christmas is a Friday, so Boxing
        // Day (Saturday) moves to Monday 28 December.
        assert_eq!(
            dates(HolidayRegion::England, 2026),
            vec![
                d(2026, 1, 1),
                d(2026, 4, 3),
                d(2026, 4, 6),
                d(2026, 5, 4),
                d(2026, 5, 25),
                d(2026, 8, 31),
                d(2026, 12, 25),
                d(2026, 12, 26),
                d(2026, 12, 28),
            ]
        );
        // 1 January 2028 is a Saturday: the substitute is Monday 3 January.
        assert!(dates(HolidayRegion::England, 2028).contains(&d(2028, 1, 3)));
        // The Platinum Jubilee moved the spring bank holiday in 2022.
        let days = dates(HolidayRegion::England, 2022);
        assert!(days.contains(&d(2022, 6, 2)) && days.contains(&d(2022, 6, 3)));
        assert!(!days.contains(&d(2022, 5, 30)));
    }

    #[test]
    fn united_states_observed_days() {
        // 2026: 4 July is a Saturday, observed Friday 3 July; MLK day is the
        // third Monday of January (19), Washington's Birthday the third
        // Monday of February (16), Memorial Day the last Monday of May (25),
        // Labor Day 7 September, Columbus Day 12 October, Thanksgiving the
        // fourth Thursday of November (26).
        assert_eq!(
            dates(HolidayRegion::UnitedStates, 2026),
            vec![
                d(2026, 1, 1),
                d(2026, 1, 19),
                d(2026, 2, 16),
                d(2026, 5, 25),
                d(2026, 6, 19),
                d(2026, 7, 3),
                d(2026, 7, 4),
                d(2026, 9, 7),
                d(2026, 10, 12),
                d(2026, 11, 11),
                d(2026, 11, 26),
                d(2026, 12, 25),
            ]
        );
        // 2027: Juneteenth is a Saturday (observed Friday 18 June), 4 July a
        // Sunday (observed Monday 5 July); 1 January 2028 is a Saturday,
        // observed Friday 31 December 2027.
        let days = dates(HolidayRegion::UnitedStates, 2027);
        assert!(days.contains(&d(2027, 6, 18)) && days.contains(&d(2027, 7, 5)));
        assert!(dates(HolidayRegion::UnitedStates, 2028).contains(&d(2027, 12, 31)));
        // Juneteenth became a federal holiday in 2021.
        assert!(!dates(HolidayRegion::UnitedStates, 2020).contains(&d(2020, 6, 19)));
    }
}
