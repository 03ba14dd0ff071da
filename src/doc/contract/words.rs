//! How numbers, durations, amounts and dates are written in a contract, in
//! English and in French. The templates call these through filters
//! (`duration`, `period`, `percent`, `money`, `date`, …) so that a user's
//! template never has to know French number typography.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::doc::french::{NBSP, NNBSP};
use crate::doc::tree::Lang;
use crate::model::group_thousands;
use crate::model::{Duration, Hours, Interval, LocalDateTime, TargetTime, TimeOfDay, DAY_KEYS};

/// Which clock a duration counts on, as the templates name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Only business hours count ("4 business hours").
    Business,
    /// Every hour counts ("4 hours").
    Calendar,
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        many.to_string()
    }
}

/// Hours and minutes of a duration, without days (a target of `36h` is
/// "36 hours": a day of a business clock is not 24 hours).
fn hm(d: Duration) -> (i64, i64) {
    let minutes = d.as_seconds().max(0) / 60;
    (minutes / 60, minutes % 60)
}

fn units_en(h: i64, m: i64, adjective: &str) -> String {
    let hour = |n: i64| format!("{n} {adjective}{}", plural(n, "hour", "hours"));
    let minute = |n: i64| format!("{n} {adjective}{}", plural(n, "minute", "minutes"));
    match (h, m) {
        (0, m) => minute(m),
        (h, 0) => hour(h),
        (h, m) => format!(
            "{h} {} {m} {} {}",
            plural(h, "hour", "hours"),
            plural(m, "minute", "minutes"),
            if adjective.is_empty() {
                ""
            } else {
                "of business time"
            }
        )
        .trim_end()
        .to_string(),
    }
}

fn units_fr(h: i64, m: i64, business: bool) -> String {
    let adj = |n: i64, fem_sing: &str, fem_pl: &str| {
        if !business {
            String::new()
        } else if n == 1 {
            format!(" {fem_sing}")
        } else {
            format!(" {fem_pl}")
        }
    };
    match (h, m) {
        (0, m) => format!(
            "{m}{NBSP}{}{}",
            plural(m, "minute", "minutes"),
            adj(m, "ouvrée", "ouvrées")
        ),
        (h, 0) => format!(
            "{h}{NBSP}{}{}",
            plural(h, "heure", "heures"),
            adj(h, "ouvrée", "ouvrées")
        ),
        (h, m) => format!(
            "{h}{NBSP}{} {m}{NBSP}{}{}",
            plural(h, "heure", "heures"),
            plural(m, "minute", "minutes"),
            if business { " ouvrées" } else { "" }
        ),
    }
}

/// A target time: "4 business hours", "30 business minutes", "3 business
/// days"; « 4 heures ouvrées », « 3 jours ouvrés ».
pub fn target_time(t: TargetTime, basis: Basis, lang: Lang) -> String {
    let business = basis == Basis::Business;
    match (t, lang) {
        (TargetTime::BusinessDays(n), Lang::En) => {
            format!("{n} {}", plural(n, "business day", "business days"))
        }
        (TargetTime::BusinessDays(n), Lang::Fr) => {
            format!("{n}{NBSP}{}", plural(n, "jour ouvré", "jours ouvrés"))
        }
        (TargetTime::Elapsed(d), Lang::En) => {
            let (h, m) = hm(d);
            units_en(h, m, if business { "business " } else { "" })
        }
        (TargetTime::Elapsed(d), Lang::Fr) => {
            let (h, m) = hm(d);
            units_fr(h, m, business)
        }
    }
}

/// A period of calendar time, such as a notice period: "30 days", "72 hours",
/// « 90 jours ».
pub fn period(d: Duration, lang: Lang) -> String {
    let s = d.as_seconds().max(0);
    if s > 0 && s % 86_400 == 0 {
        let n = s / 86_400;
        return match lang {
            Lang::En => format!("{n} {}", plural(n, "day", "days")),
            Lang::Fr => format!("{n}{NBSP}{}", plural(n, "jour", "jours")),
        };
    }
    let (h, m) = hm(d);
    match lang {
        Lang::En => units_en(h, m, ""),
        Lang::Fr => units_fr(h, m, false),
    }
}

/// A notice or delivery time that may be business days (`5bd`) or calendar
/// time (`5d`, `72h`).
pub fn notice(t: TargetTime, lang: Lang) -> String {
    match t {
        TargetTime::BusinessDays(_) => target_time(t, Basis::Business, lang),
        TargetTime::Elapsed(d) => period(d, lang),
    }
}

/// A decimal number with up to `max_decimals` decimals, trailing zeros
/// dropped: 99.9 → "99.9" / « 99,9 ».
pub fn number(value: f64, max_decimals: usize, lang: Lang) -> String {
    let mut s = format!("{value:.max_decimals$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    let (sign, body) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", s.clone()),
    };
    let (int, frac) = body
        .split_once('.')
        .map_or((body.as_str(), None), |(a, b)| (a, Some(b)));
    match lang {
        Lang::En => {
            let int = if int.len() > 4 {
                group_thousands(int, ",")
            } else {
                int.to_string()
            };
            match frac {
                Some(f) => format!("{sign}{int}.{f}"),
                None => format!("{sign}{int}"),
            }
        }
        Lang::Fr => {
            let int = if int.len() > 4 {
                group_thousands(int, &NNBSP.to_string())
            } else {
                int.to_string()
            };
            match frac {
                Some(f) => format!("{sign}{int},{f}"),
                None => format!("{sign}{int}"),
            }
        }
    }
}

/// A percentage: "99.9%" / « 99,9 % » (narrow no-break space before the sign).
pub fn percent(value: f64, lang: Lang) -> String {
    percent_with(value, 3, lang)
}

/// A percentage rounded to at most `decimals` decimals.
pub fn percent_with(value: f64, decimals: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{}%", number(value, decimals, lang)),
        Lang::Fr => format!("{}{NNBSP}%", number(value, decimals, lang)),
    }
}

/// An amount in cents: "$4,800.00", "£1,250.00", « 1 250,00 € ».
pub fn money(cents: i64, currency: &str, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let units = (abs / 100).to_string();
    let decimals = abs % 100;
    match lang {
        Lang::En => {
            let body = format!("{}.{decimals:02}", group_thousands(&units, ","));
            match currency {
                "USD" => format!("{sign}${body}"),
                "GBP" => format!("{sign}£{body}"),
                "EUR" => format!("{sign}€{body}"),
                other => format!("{sign}{body} {other}"),
            }
        }
        Lang::Fr => {
            let body = format!(
                "{},{decimals:02}",
                group_thousands(&units, &NNBSP.to_string())
            );
            let symbol = match currency {
                "EUR" => "€",
                "GBP" => "£",
                "USD" => "$\u{00A0}US",
                other => other,
            };
            format!("{sign}{body}{NBSP}{symbol}")
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A date: "1 December 2026" / « 1er décembre 2026 ».
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
        Lang::Fr => {
            let day = if d.day() == 1 {
                "1er".to_string()
            } else {
                d.day().to_string()
            };
            format!("{day}{NBSP}{}{NBSP}{}", MONTHS_FR[m], d.year())
        }
    }
}

/// A time of day: "08:30" / « 8 h 30 ».
pub fn time(t: TimeOfDay, lang: Lang) -> String {
    let (h, m) = (t.minutes() / 60, t.minutes() % 60);
    match lang {
        Lang::En => format!("{h:02}:{m:02}"),
        Lang::Fr if m == 0 => format!("{h}{NBSP}h"),
        Lang::Fr => format!("{h}{NBSP}h{NBSP}{m:02}"),
    }
}

/// A local date and time: "24 December 2026 at 12:30" / « 24 décembre 2026 à 12 h 30 ».
pub fn datetime(t: LocalDateTime, lang: Lang) -> String {
    let d = date(t.0.date(), lang);
    if t.0.time() == chrono::NaiveTime::MIN {
        return d;
    }
    let Some(tod) = TimeOfDay::new(t.0.hour() as u16, t.0.minute() as u16) else {
        return d;
    };
    match lang {
        Lang::En => format!("{d} at {}", time(tod, lang)),
        Lang::Fr => format!("{d} à {}", time(tod, lang)),
    }
}

/// When a closure applies, with its preposition, for "Support is also
/// closed …": `to` is exclusive, so a closure ending at midnight reads as
/// ending with the day before ("on 24 December 2026 from 12:30", not "to
/// 25 December 2026", which a reader takes to include the 25th).
pub fn closure_span(from: LocalDateTime, to: LocalDateTime, lang: Lang) -> String {
    let at = |t: NaiveDateTime| {
        TimeOfDay::new(t.hour() as u16, t.minute() as u16).map(|tod| time(tod, lang))
    };
    let midnight = |t: NaiveDateTime| t.time() == chrono::NaiveTime::MIN;
    let (from, to) = (from.0, to.0);
    let first = date(from.date(), lang);
    if midnight(to) {
        // The last day the closure covers in full or in part.
        let last_day = to.date().pred_opt().unwrap_or(to.date());
        let last = date(last_day, lang);
        let start = if midnight(from) { None } else { at(from) };
        return match (lang, start, last_day == from.date()) {
            (Lang::En, None, true) => format!("on {first}"),
            (Lang::En, None, false) => format!("from {first} to {last} inclusive"),
            (Lang::En, Some(t), true) => format!("on {first} from {t}"),
            (Lang::En, Some(t), false) => format!("from {first} at {t} to the end of {last}"),
            (Lang::Fr, None, true) => format!("le {first}"),
            (Lang::Fr, None, false) => format!("du {first} au {last} inclus"),
            (Lang::Fr, Some(t), true) => format!("le {first} à partir de {t}"),
            (Lang::Fr, Some(t), false) => format!("du {first} à {t} jusqu’à la fin du {last}"),
        };
    }
    let (start, end) = (at(from).unwrap_or_default(), at(to).unwrap_or_default());
    if from.date() == to.date() {
        return match lang {
            Lang::En => format!("on {first} from {start} to {end}"),
            Lang::Fr => format!("le {first} de {start} à {end}"),
        };
    }
    let (from_text, to_text) = (
        datetime(LocalDateTime(from), lang),
        datetime(LocalDateTime(to), lang),
    );
    match lang {
        Lang::En => format!("from {from_text} to {to_text}"),
        Lang::Fr => format!("du {from_text} au {to_text}"),
    }
}

const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const DAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// The name of a weekday from its file key (`wed`): "Wednesday" / « mercredi ».
pub fn weekday(key: &str, lang: Lang) -> Option<&'static str> {
    let i = DAY_KEYS.iter().position(|k| *k == key)?;
    Some(match lang {
        Lang::En => DAYS_EN[i],
        Lang::Fr => DAYS_FR[i],
    })
}

/// The place an IANA time zone is named after, for "Paris time" /
/// « heure de Paris »: `Europe/Paris` → "Paris", `America/New_York` →
/// "New York"; a few cities have a French name.
pub fn zone(tz: &str, lang: Lang) -> String {
    let city = tz.rsplit('/').next().unwrap_or(tz).replace('_', " ");
    if lang == Lang::Fr {
        let french = match city.as_str() {
            "London" => Some("Londres"),
            "Brussels" => Some("Bruxelles"),
            "Geneva" => Some("Genève"),
            "Lisbon" => Some("Lisbonne"),
            _ => None,
        };
        if let Some(f) = french {
            return f.to_string();
        }
    }
    city
}

/// The contract's French defined terms a phrase may start with: they keep
/// their capital inside a sentence.
const FRENCH_TERMS: [&str; 10] = [
    "Client",
    "Prestataire",
    "Partie",
    "Parties",
    "Offre",
    "Demande",
    "Demandes",
    "Service",
    "Services",
    "Convention",
];

/// A phrase put inside a sentence: "The laws of …" becomes "the laws of
/// …". English keeps the capitals of titles and names ("Head of Legal"), so
/// only a leading article is lowered. French lowers the first letter of a
/// common noun (« Gérant du Client » → « gérant du Client »), and keeps an
/// acronym (« RCS Lyon »), a defined term (« Client »), a name followed by
/// capitalised words (« Tallyloop Customer Success Manager ») and a
/// possessive (« Customer’s executive sponsor »).
pub fn lower_first(v: &str, lang: Lang) -> String {
    let mut words = v.split(' ');
    let first_word = words.next().unwrap_or("");
    let lower = match lang {
        Lang::En => matches!(first_word, "The" | "A" | "An"),
        Lang::Fr => {
            let mut c = first_word.chars();
            let capitalised = matches!((c.next(), c.next()), (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase());
            let next_capitalised = words
                .next()
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase);
            let possessive = first_word.ends_with("’s") || first_word.ends_with("'s");
            capitalised && !next_capitalised && !possessive && !FRENCH_TERMS.contains(&first_word)
        }
    };
    if !lower {
        return v.to_string();
    }
    let mut chars = v.chars();
    match chars.next() {
        Some(a) => a.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The examples of a priority, run together in one table cell: without
/// their final full stops, joined by semicolons; in French the items after
/// the first start in lower case, as in a sentence. English keeps a
/// writer's capitals (a name may start an example), so examples that each
/// start with one are printed as sentences, each ending with a full stop,
/// rather than as one sentence with capitals after its semicolons; a
/// single one too, so that every row of the table reads alike.
pub fn examples(items: &[String], lang: Lang) -> String {
    let items = items.iter().map(|v| v.trim_end().trim_end_matches('.'));
    match lang {
        Lang::En => {
            let items: Vec<&str> = items.collect();
            let capitalised = !items.is_empty()
                && items
                    .iter()
                    .all(|v| !v.starts_with(|c: char| c.is_lowercase()));
            if capitalised {
                items
                    .iter()
                    .map(|v| format!("{v}."))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                items.join("; ")
            }
        }
        Lang::Fr => items
            .enumerate()
            .map(|(i, v)| {
                if i == 0 {
                    v.to_string()
                } else {
                    lower_first(v, lang)
                }
            })
            .collect::<Vec<_>>()
            .join(" ; "),
    }
}

/// "A, B and C" / « A, B et C ».
pub fn join_and(items: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::En => "and",
        Lang::Fr => "et",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

fn intervals_text(list: &[Interval], lang: Lang) -> String {
    let parts: Vec<String> = list
        .iter()
        .map(|i| {
            let next = if i.overnight {
                match lang {
                    Lang::En => " the next day",
                    Lang::Fr => " le lendemain",
                }
            } else {
                ""
            };
            match lang {
                Lang::En => format!("{} to {}{next}", time(i.start, lang), time(i.end, lang)),
                Lang::Fr => format!("de {} à {}{next}", time(i.start, lang), time(i.end, lang)),
            }
        })
        .collect();
    join_and(&parts, lang)
}

/// Weekly opening hours in words, consecutive days with the same hours
/// grouped: "Monday to Thursday, 08:30 to 12:30 and 13:30 to 18:00; Friday,
/// 08:30 to 12:30 and 13:30 to 17:00" / « du lundi au jeudi, de 8 h 30 à
/// 12 h 30 et de 13 h 30 à 18 h ; le vendredi, … ».
pub fn opening_hours(hours: &Hours, lang: Lang) -> String {
    let week = match hours {
        Hours::Always => {
            return match lang {
                Lang::En => "24 hours a day, 7 days a week".into(),
                Lang::Fr => "24 heures sur 24, 7 jours sur 7".into(),
            }
        }
        Hours::Weekly(w) => w,
    };
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for d in 0..7 {
        if week.days[d].is_empty() {
            continue;
        }
        match groups.last_mut() {
            Some((_, end)) if *end + 1 == d && week.days[*end] == week.days[d] => *end = d,
            _ => groups.push((d, d)),
        }
    }
    if groups.is_empty() {
        return match lang {
            Lang::En => "no opening hours".into(),
            Lang::Fr => "aucune heure d’ouverture".into(),
        };
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|&(a, b)| {
            let hours = intervals_text(&week.days[a], lang);
            match (lang, a == b, b == a + 1) {
                (Lang::En, true, _) => format!("{}, {hours}", DAYS_EN[a]),
                (Lang::En, false, true) => format!("{} and {}, {hours}", DAYS_EN[a], DAYS_EN[b]),
                (Lang::En, false, false) => format!("{} to {}, {hours}", DAYS_EN[a], DAYS_EN[b]),
                (Lang::Fr, true, _) => format!("le {}, {hours}", DAYS_FR[a]),
                (Lang::Fr, false, true) => {
                    format!("le {} et le {}, {hours}", DAYS_FR[a], DAYS_FR[b])
                }
                (Lang::Fr, false, false) => format!("du {} au {}, {hours}", DAYS_FR[a], DAYS_FR[b]),
            }
        })
        .collect();
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: String) -> String {
        s.replace(NBSP, "~").replace(NNBSP, "^")
    }

    #[test]
    fn french_lowers_common_nouns_only() {
        let fr = |s: &str| lower_first(s, Lang::Fr);
        assert_eq!(fr("Gérant du Client"), "gérant du Client");
        assert_eq!(fr("Droit français"), "droit français");
        assert_eq!(fr("RCS Lyon"), "RCS Lyon");
        assert_eq!(fr("Client"), "Client");
        assert_eq!(
            fr("Tallyloop Customer Success Manager"),
            "Tallyloop Customer Success Manager"
        );
        assert_eq!(
            fr("Customer’s executive sponsor"),
            "Customer’s executive sponsor"
        );
        assert_eq!(
            lower_first("The laws of France", Lang::En),
            "the laws of France"
        );
        assert_eq!(lower_first("Head of Legal", Lang::En), "Head of Legal");
    }

    #[test]
    fn durations_read_as_a_contract_says_them() {
        let t = |s: &str| s.parse::<TargetTime>().expect("target");
        assert_eq!(
            target_time(t("4h"), Basis::Business, Lang::En),
            "4 business hours"
        );
        assert_eq!(
            target_time(t("1h"), Basis::Business, Lang::En),
            "1 business hour"
        );
        assert_eq!(
            target_time(t("30m"), Basis::Calendar, Lang::En),
            "30 minutes"
        );
        assert_eq!(
            target_time(t("3bd"), Basis::Business, Lang::En),
            "3 business days"
        );
        assert_eq!(
            target_time(t("1h30m"), Basis::Calendar, Lang::En),
            "1 hour 30 minutes"
        );
        assert_eq!(
            show(target_time(t("4h"), Basis::Business, Lang::Fr)),
            "4~heures ouvrées"
        );
        assert_eq!(
            show(target_time(t("1bd"), Basis::Business, Lang::Fr)),
            "1~jour ouvré"
        );
        assert_eq!(
            show(target_time(t("30m"), Basis::Business, Lang::Fr)),
            "30~minutes ouvrées"
        );
        assert_eq!(period("90d".parse().expect("d"), Lang::En), "90 days");
        assert_eq!(
            show(period("36h".parse().expect("d"), Lang::Fr)),
            "36~heures"
        );
    }

    #[test]
    fn numbers_amounts_and_dates() {
        assert_eq!(percent(99.9, Lang::En), "99.9%");
        assert_eq!(show(percent(99.5, Lang::Fr)), "99,5^%");
        assert_eq!(show(percent(95.0, Lang::Fr)), "95^%");
        assert_eq!(show(money(125_000, "EUR", Lang::Fr)), "1^250,00~€");
        assert_eq!(money(480_000, "USD", Lang::En), "$4,800.00");
        assert_eq!(money(7_500, "GBP", Lang::En), "£75.00");
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        assert_eq!(show(date(d, Lang::Fr)), "1er~décembre~2026");
        assert_eq!(date(d, Lang::En), "1 December 2026");
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert_eq!(show(date(d, Lang::Fr)), "23~novembre~2026");
    }

    #[test]
    fn closures_ending_at_midnight_end_with_the_day_before() {
        let span = |from: &str, to: &str, lang| {
            show(closure_span(
                from.parse().expect("from"),
                to.parse().expect("to"),
                lang,
            ))
        };
        assert_eq!(
            span("2026-12-24T12:30", "2026-12-25", Lang::En),
            "on 24 December 2026 from 12:30"
        );
        assert_eq!(
            span("2026-12-24T12:30", "2026-12-25", Lang::Fr),
            "le 24~décembre~2026 à partir de 12~h~30"
        );
        assert_eq!(
            span("2026-12-24", "2026-12-25", Lang::En),
            "on 24 December 2026"
        );
        assert_eq!(
            span("2026-12-24", "2026-12-27", Lang::En),
            "from 24 December 2026 to 26 December 2026 inclusive"
        );
        assert_eq!(
            span("2026-12-24", "2026-12-27", Lang::Fr),
            "du 24~décembre~2026 au 26~décembre~2026 inclus"
        );
        assert_eq!(
            span("2026-12-24T12:30", "2026-12-27", Lang::En),
            "from 24 December 2026 at 12:30 to the end of 26 December 2026"
        );
        assert_eq!(
            span("2026-12-24T09:00", "2026-12-24T12:00", Lang::En),
            "on 24 December 2026 from 09:00 to 12:00"
        );
        assert_eq!(
            span("2026-12-24T09:00", "2026-12-25T12:00", Lang::Fr),
            "du 24~décembre~2026 à 9~h au 25~décembre~2026 à 12~h"
        );
    }

    #[test]
    fn examples_run_together_in_a_cell() {
        let items: Vec<String> = vec![
            "Serveur arrêté.".into(),
            "Panne du pare-feu".into(),
            "SAP indisponible".into(),
        ];
        assert_eq!(
            show(examples(&items, Lang::Fr)),
            "Serveur arrêté ; panne du pare-feu ; SAP indisponible"
        );
        let items: Vec<String> = vec!["Checkout down.".into(), "The API fails".into()];
        assert_eq!(examples(&items, Lang::En), "Checkout down. The API fails.");
        let items: Vec<String> = vec!["Checkout down".into(), "the API fails".into()];
        assert_eq!(examples(&items, Lang::En), "Checkout down; the API fails");
        let items: Vec<String> = vec!["Checkout down.".into()];
        assert_eq!(examples(&items, Lang::En), "Checkout down.");
    }

    #[test]
    fn opening_hours_group_equal_days() {
        let text =
            "mon: [08:30-12:30, 13:30-18:00]\ntue: [08:30-12:30, 13:30-18:00]\nfri: [08:30-12:30]";
        let hours: Hours = serde_json::from_value(serde_json::json!({
            "mon": ["08:30-12:30", "13:30-18:00"],
            "tue": ["08:30-12:30", "13:30-18:00"],
            "fri": ["08:30-12:30"],
        }))
        .expect(text);
        assert_eq!(
            opening_hours(&hours, Lang::En),
            "Monday and Tuesday, 08:30 to 12:30 and 13:30 to 18:00; Friday, 08:30 to 12:30"
        );
        assert_eq!(
            show(opening_hours(&hours, Lang::Fr)),
            "le lundi et le mardi, de 8~h~30 à 12~h~30 et de 13~h~30 à 18~h; le vendredi, de 8~h~30 à 12~h~30"
        );
    }
}
